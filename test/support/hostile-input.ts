import fc from "fast-check";
import type { DiscordReply } from "../../src/discord/render.js";
import { DISCORD_LIMITS } from "../../src/limits.js";

/** How many runs a property gets: 1,000 in `npm test`, more with FUZZ_RUNS for a longer session. */
export const FUZZ_RUNS = Number(process.env.FUZZ_RUNS ?? 1000);

const nasty = fc.constantFrom(
  "@everyone",
  "@here",
  "<@123456789012345678>",
  "<@!123456789012345678>",
  "<@&123456789012345678>",
  "<#123456789012345678>",
  "```js\nalert(1)\n```",
  "**bold** __under__ ~~strike~~ ||spoiler||",
  "[click](https://evil.example)",
  "https://evil.example/x.png",
  "# heading",
  "> quote",
  "\u0000\u0007\u001b[31m",
  "\u202e\u200f مرحبا שלום",
  "z̷̢̛a̴̗͝l̸̨̛g̶̣̈o̵͇̍",
  "😀🇰🇷👨‍👩‍👧",
  "\uD800",
  "\uDFFF",
  "../../etc/passwd",
  "${process.exit(1)}",
  "1950",
  "-1",
  "9",
  "kim",
);

/** Hostile text: random unicode (any plane, lone surrogates), markdown, mentions, URLs, up to 6,000 characters. */
export const hostileText = fc
  .array(
    fc.oneof(
      fc.string({ unit: "binary", maxLength: 40 }),
      fc.string({ unit: "grapheme", maxLength: 40 }),
      nasty,
      fc.string({ maxLength: 3000 }),
    ),
    { maxLength: 12 },
  )
  .map((parts) => parts.join(" ").slice(0, 6000));

/** Numbers a user or a tampered client can send: out of range, negative, huge, fractional. */
export const hostileNumber = fc.oneof(
  fc.integer({ min: -100, max: 100 }),
  fc.integer(),
  fc.double({ noNaN: false }),
  fc.constantFrom(0, -1, 9, 2.5, Number.MAX_SAFE_INTEGER, 1e308),
);

/** The reply as Discord receives it in a callback's `data`. */
export function asCallbackData(reply: DiscordReply): Record<string, unknown> {
  return {
    ...(reply.content !== undefined ? { content: reply.content } : {}),
    embeds: reply.embeds,
    components: reply.components,
    allowed_mentions: reply.allowedMentions,
    ...(reply.flags ? { flags: reply.flags } : {}),
    attachments: reply.files.map((f, i) => ({ id: String(i), filename: f.name, description: f.description })),
  };
}

/** Problems with a reply a user would see: over Discord's limits, pinging someone, or text breaking out. */
export function replyProblems(reply: DiscordReply, mention?: string): string[] {
  const problems: string[] = [];
  if ((reply.content?.length ?? 0) > DISCORD_LIMITS.content) problems.push("content over 2000");
  let total = 0;
  for (const embed of reply.embeds) {
    total +=
      (embed.title?.length ?? 0) +
      (embed.description?.length ?? 0) +
      (embed.footer?.text.length ?? 0) +
      (embed.author?.name.length ?? 0);
    for (const field of embed.fields ?? []) {
      total += field.name.length + field.value.length;
      if (field.value.length > DISCORD_LIMITS.embedFieldValue || field.name.length > DISCORD_LIMITS.embedFieldName)
        problems.push("field over its limit");
    }
    if ((embed.description?.length ?? 0) > DISCORD_LIMITS.embedDescription) problems.push("description over 4096");
    if ((embed.title?.length ?? 0) > DISCORD_LIMITS.embedTitle) problems.push("title over 256");
  }
  if (total > DISCORD_LIMITS.embedTotal) problems.push(`embeds total ${total} over 6000`);
  const allowedUsers = reply.allowedMentions.users ?? [];
  if (reply.allowedMentions.parse.length > 0) problems.push("allowed_mentions parses mentions");
  if (allowedUsers.some((id) => id !== mention)) problems.push("someone other than the mention target may be pinged");
  const shown = JSON.stringify([
    reply.embeds,
    reply.content === (mention ? `<@${mention}>` : undefined) ? "" : reply.content,
  ]);
  if (/@(everyone|here)|<@[!&]?\d/.test(shown)) problems.push("a mention escaped its formatting");
  if (/(?<!\\)```/.test(shown)) problems.push("a code fence escaped its formatting");
  for (const row of reply.components) {
    for (const component of row.components) {
      if ("custom_id" in component && component.custom_id.length > DISCORD_LIMITS.customId)
        problems.push("custom_id over 100");
    }
  }
  return problems;
}
