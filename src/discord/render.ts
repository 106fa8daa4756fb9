import { createHash } from "node:crypto";
import {
  ButtonStyle,
  ComponentType,
  MessageFlags,
  type APIActionRowComponent,
  type APIButtonComponent,
  type APIStringSelectComponent,
  type APIComponentInMessageActionRow,
  type APIEmbed,
  type APIEmbedField,
} from "discord-api-types/v10";
import type { ArticleMeta, ArticlePack } from "../content/pack.js";
import { DISCORD_LIMITS, truncate } from "../limits.js";
import { markMatches, type Reply } from "../search/reply.js";

/** "Newsweek, 2018-04-27": the publisher and, when the pack gives it, the article's date. */
const dateline = (meta: ArticleMeta) => [meta.publisher, meta.date].filter(Boolean).join(", ");

/** A reply in the shape discord.js sends (`interaction.reply`, `update`, `followUp`). */
export interface DiscordReply {
  content?: string;
  embeds: APIEmbed[];
  files: Array<{ attachment: Buffer; name: string; description: string }>;
  components: Array<APIActionRowComponent<APIComponentInMessageActionRow>>;
  allowedMentions: { parse: []; users?: string[] };
  flags?: MessageFlags.Ephemeral;
}

export interface RenderOptions {
  /** Who asked: slide buttons answer to them. */
  userId: string;
  /** Answer only to the asker. */
  hide?: boolean;
  /** A user the answer is addressed to: the only one who may be pinged. */
  mention?: string;
  /** Leave out buttons (slides posted into a channel by /gallery). */
  controls?: false;
  /** Add a button that posts the answer to the channel (a private answer from the message menu). */
  postable?: true;
}

const COLOR = { answer: 0x2f6fb3, notice: 0x8a8f98 } as const;

// Control characters and lone surrogates (become spaces), markdown characters (escaped), and the starts of
// mentions (broken with a zero-width space).
const UNSAFE_CHARACTER = /([\p{Cc}\p{Cs}])|([\\*_~`|[\]])|(<(?=[@#:a]|t:)|@(?=everyone|here))/gu;

/**
 * Text shown on Discord as written: no markdown, no masked links, no mentions. Article text and user
 * input pass through here, so `**`, code fences, `@everyone` or `<@id>` in a query display literally.
 * One linear pass (discord.js's escapeMarkdown is quadratic on long input, and queries can be thousands
 * of characters).
 */
export function escapeText(text: string): string {
  return text
    .replace(UNSAFE_CHARACTER, (_, control?: string, markdown?: string, mention?: string) =>
      control ? " " : markdown ? `\\${markdown}` : `${mention}\u200b`,
    )
    .replace(/^(\s*)([#>-]|\d+\.)/, "$1\\$2");
}

const versionTags = new WeakMap<ArticlePack, string>();

/** Short tag of a pack version for button ids: an old button can tell the pack changed. */
export function packVersionTag(pack: ArticlePack): string {
  let tag = versionTags.get(pack);
  if (!tag) versionTags.set(pack, (tag = createHash("sha256").update(pack.version).digest("hex").slice(0, 8)));
  return tag;
}

export type SlideControls = "photo" | "show";

/**
 * Custom id of a slide control: everything a click needs (which controls, which button, the target
 * slide, who asked, the pack version), so it works after a restart. A select menu's slide comes from
 * its chosen value.
 */
export function slideControlId(
  controls: SlideControls,
  button: string,
  slide: number,
  ownerId: string,
  versionTag: string,
): string {
  return `${controls}:${button}:${slide}:${ownerId}:${versionTag}`;
}

export function parseSlideControlId(
  customId: string,
): { controls: SlideControls; slide: number; ownerId: string; versionTag: string } | undefined {
  const match = /^(photo|show):[a-z]+:(\d{1,4}):(\d{1,20}):([0-9a-f]{8})$/.exec(customId);
  return match
    ? {
        controls: match[1] as SlideControls,
        slide: Number(match[2]),
        ownerId: match[3] as string,
        versionTag: match[4] as string,
      }
    : undefined;
}

/** A button that names one passage: an offer shows it in place of the offer, post shows it to the channel. */
export type PassageButton = "offer" | "post";

/** Custom id of a passage's button: what it does, the passage, and the pack version it was shown from. */
export function passageButtonId(button: PassageButton, passageId: string, versionTag: string): string {
  return `${button}:${passageId}:${versionTag}`;
}

export function parsePassageButtonId(
  customId: string,
): { button: PassageButton; passageId: string; versionTag: string } | undefined {
  const match = /^(offer|post):([a-z][a-z0-9-]{0,31}):([0-9a-f]{8})$/.exec(customId);
  return match
    ? { button: match[1] as PassageButton, passageId: match[2] as string, versionTag: match[3] as string }
    : undefined;
}

/** One button per passage offered when the engine is not sure; a click shows that passage. */
function offerButtons(reply: Reply, pack: ArticlePack): DiscordReply["components"] {
  if (reply.offers.length === 0) return [];
  const version = packVersionTag(pack);
  const buttons = reply.offers.map((offer, i): APIButtonComponent => ({
    type: ComponentType.Button,
    style: ButtonStyle.Primary,
    label: truncate(`${i + 1}. ${offer.source}`, DISCORD_LIMITS.buttonLabel),
    custom_id: passageButtonId("offer", offer.id, version),
  }));
  return [{ type: ComponentType.ActionRow, components: buttons }];
}

export function renderReply(reply: Reply, pack: ArticlePack, options: RenderOptions): DiscordReply {
  const embed = renderEmbed(reply, pack);
  const files: DiscordReply["files"] = [];
  const slide = reply.slide ? pack.slides.find((s) => s.number === reply.slide?.number) : undefined;
  if (slide && slide.picture.kind !== "url") {
    files.push({
      attachment: slide.picture.data,
      name: slide.picture.fileName,
      description: truncate(slide.picture.alt, DISCORD_LIMITS.attachmentDescription),
    });
  }
  const mention = options.mention && reply.answered ? options.mention : undefined;
  const shown = reply.passages[0];
  const post: APIButtonComponent | undefined =
    options.postable && reply.answered && shown
      ? {
          type: ComponentType.Button,
          style: ButtonStyle.Success,
          label: "Post in channel",
          custom_id: passageButtonId("post", shown.id, packVersionTag(pack)),
        }
      : undefined;
  const rendered: DiscordReply = {
    embeds: [embed],
    files,
    components: [
      ...(reply.slide && options.controls !== false
        ? slideControls(reply.slide.number, pack, options.userId, reply.slideshow ? "show" : "photo")
        : offerButtons(reply, pack)),
      ...(post ? [{ type: ComponentType.ActionRow as const, components: [post] }] : []),
    ],
    allowedMentions: mention ? { parse: [], users: [mention] } : { parse: [] },
  };
  if (mention) rendered.content = `<@${mention}>`;
  // "Not in the article" is for the asker alone, whatever they chose.
  if (options.hide || !reply.answered) rendered.flags = MessageFlags.Ephemeral;
  return rendered;
}

/** The message that opens a gallery post: the article's title, summary and a link to the original. */
export function renderIntro(pack: ArticlePack): Omit<DiscordReply, "flags"> {
  const { meta } = pack;
  return {
    embeds: [
      {
        title: truncate(escapeText(meta.title), DISCORD_LIMITS.embedTitle),
        url: meta.sourceUrl,
        description: truncate(
          `${escapeText(meta.summary)}\n\nRead the original at ${meta.sourceUrl}`,
          DISCORD_LIMITS.embedDescription,
        ),
        color: COLOR.answer,
        footer: { text: truncate(dateline(meta), DISCORD_LIMITS.embedFooter) },
      },
    ],
    files: [],
    components: [],
    allowedMentions: { parse: [] },
  };
}

/** A polite ephemeral notice (errors, refusals): never pings, never shows to others. */
export function renderNotice(text: string): DiscordReply {
  return {
    content: truncate(text, DISCORD_LIMITS.content),
    embeds: [],
    files: [],
    components: [],
    allowedMentions: { parse: [] },
    flags: MessageFlags.Ephemeral,
  };
}

function renderEmbed(reply: Reply, pack: ArticlePack): APIEmbed {
  const { meta } = pack;
  const list = reply.passages.length > 1;
  const lines: string[] = [];
  if (reply.message) lines.push(escapeText(reply.message));
  for (const passage of reply.passages.slice(0, 50)) {
    const text = markMatches(passage, (words) => `**${escapeText(words)}**`, escapeText);
    lines.push(
      list
        ? `• ${passage.when ? `**${escapeText(passage.when)}** · ` : ""}${text} *(${escapeText(passage.source)})*`
        : text,
    );
  }
  const fields: APIEmbedField[] = [];
  for (const [i, offer] of reply.offers.entries())
    fields.push(field(`${i + 1}. ${offer.source}`, escapeText(offer.text)));
  for (const passage of reply.related) fields.push(field(`Related · ${passage.source}`, escapeText(passage.text)));
  if (reply.suggestions.length > 0)
    fields.push(field("The article does cover", reply.suggestions.map((s) => `• ${escapeText(s)}`).join("\n")));
  for (const f of reply.fields) fields.push(field(f.name, escapeText(f.value)));

  const slide = reply.slide;
  const picture = slide
    ? "url" in slide.picture
      ? slide.picture.url
      : `attachment://${slide.picture.fileName}`
    : undefined;
  const source = !list && reply.passages[0] && !slide ? `${reply.passages[0].source} · ` : "";
  const embed: APIEmbed = {
    author: { name: truncate(meta.title, DISCORD_LIMITS.embedAuthorName), url: meta.sourceUrl },
    title: truncate(
      escapeText(slide ? `${slide.number}/${slide.total} · ${reply.title}` : reply.title),
      DISCORD_LIMITS.embedTitle,
    ),
    color: reply.answered ? COLOR.answer : COLOR.notice,
    footer: {
      text: truncate(slide ? `Photo: ${slide.credit}` : `${source}${dateline(meta)}`, DISCORD_LIMITS.embedFooter),
    },
  };
  if (picture) embed.image = { url: picture };
  // The answer comes first in the 6,000 characters a message's embeds may hold; fields take what is left.
  let budget = DISCORD_LIMITS.embedTotal - embedLength(embed);
  const description = truncate(lines.join("\n"), Math.min(DISCORD_LIMITS.embedDescription, budget));
  budget -= description.length;
  const fitting: APIEmbedField[] = [];
  for (const f of fields.slice(0, DISCORD_LIMITS.embedFields)) {
    if (f.name.length + f.value.length > budget) break;
    fitting.push(f);
    budget -= f.name.length + f.value.length;
  }
  if (description) embed.description = description;
  if (fitting.length > 0) embed.fields = fitting;
  return embed;
}

function field(name: string, value: string): APIEmbedField {
  return {
    name: truncate(name, DISCORD_LIMITS.embedFieldName),
    value: truncate(value || "—", DISCORD_LIMITS.embedFieldValue),
  };
}

/** Characters that count towards the 6,000 of a message's embeds. */
function embedLength(embed: APIEmbed): number {
  return (
    (embed.title?.length ?? 0) +
    (embed.description?.length ?? 0) +
    (embed.author?.name.length ?? 0) +
    (embed.footer?.text.length ?? 0) +
    (embed.fields ?? []).reduce((sum, f) => sum + f.name.length + f.value.length, 0)
  );
}

function slideControls(
  current: number,
  pack: ArticlePack,
  ownerId: string,
  controls: SlideControls,
): DiscordReply["components"] {
  const total = pack.slides.length;
  const version = packVersionTag(pack);
  const button = (id: string, label: string, target: number, disabled: boolean): APIButtonComponent => ({
    type: ComponentType.Button,
    style: ButtonStyle.Secondary,
    label,
    custom_id: slideControlId(controls, id, target, ownerId, version),
    disabled,
  });
  const paging = [
    button("prev", "◀ Previous", current - 1, current <= 1),
    button("next", "Next ▶", current + 1, current >= total),
  ];
  if (controls === "photo") return [{ type: ComponentType.ActionRow, components: paging }];
  const pick: APIStringSelectComponent = {
    type: ComponentType.StringSelect,
    custom_id: slideControlId(controls, "pick", 0, ownerId, version),
    placeholder: "Go to a slide",
    options: pack.slides.slice(0, 25).map((s) => ({
      label: truncate(`${s.number}. ${s.title}`, DISCORD_LIMITS.selectOptionLabel),
      description: truncate(s.caption, DISCORD_LIMITS.selectOptionDescription),
      value: String(s.number),
      default: s.number === current,
    })),
  };
  return [
    {
      type: ComponentType.ActionRow,
      components: [
        button("first", "⏮ First", 1, current <= 1),
        ...paging,
        button("last", "Last ⏭", total, current >= total),
      ],
    },
    { type: ComponentType.ActionRow, components: [pick] },
  ];
}
