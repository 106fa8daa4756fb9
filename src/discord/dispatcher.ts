import { randomBytes } from "node:crypto";
import {
  PermissionFlagsBits,
  PermissionsBitField,
  type AutocompleteInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type CommandInteractionOption,
  type Interaction,
  type MessageContextMenuCommandInteraction,
  type StringSelectMenuInteraction,
  Message,
} from "discord.js";
import type { Command, CommandContext, RawOptions } from "../../commands/index.js";
import type { PermissionName } from "../../commands/command.js";
import type { Logger } from "../logger.js";
import { findSlide, showOffered } from "../search/engine.js";
import { carryOut, type Outcome, type ReloadResult } from "./actions/index.js";
import type { Cooldowns } from "./cooldowns.js";
import {
  answerInConversation,
  conversationalNotice,
  conversationalReply,
  readMessage,
  type Asked,
} from "./conversation.js";
import type { FloodGate } from "./flood.js";
import type { FollowUps } from "../state/follow-ups.js";
import { packVersionTag, parsePassageButtonId, parseSlideControlId, renderNotice, renderReply } from "./render.js";

export type { Outcome, ReloadResult } from "./actions/index.js";

export interface DispatcherOptions {
  /** The current commands and engine; a function because /reload can swap the pack. */
  context: () => CommandContext;
  logger: Logger;
  /** Re-reads the content pack (for /reload). */
  reload: () => Promise<ReloadResult>;
  /** Aborted when the bot shuts down (a /gallery post in progress stops). */
  shutdown: AbortSignal;
  cooldowns: Cooldowns;
  /** Answers in conversation per member and per channel. */
  flood: FloodGate;
  /** What each conversational answer came from, for replies that follow it up. */
  followUps: FollowUps;
  /** Seconds per command, overriding each command's own default. */
  cooldownOverrides: Readonly<Record<string, number>>;
  /** Called once per interaction or message handled, for metrics. */
  onHandled?: (event: { kind: string; command: string; outcome: Outcome; latencyMs: number }) => void;
}

/** Discord's error code for an interaction whose token is no longer valid. */
const UNKNOWN_INTERACTION = 10062;

/** Applies when a command names none of its own. */
const DEFAULT_COOLDOWN_SECONDS = 3;

/** What the log line and the metrics say of one interaction or message. */
interface Handled {
  /** "interaction" or "message": the log line's subject. */
  subject: string;
  fields: { kind: string; command: string; user: string; guild: string } & Record<string, string>;
  run: () => Promise<Outcome>;
  /** Tells the user something went wrong, with the reference on the error's log line. */
  apologize: (ref: string) => Promise<unknown>;
}

/**
 * The one entry point for every interaction and every message: routes it, logs it (command, user, guild,
 * latency, outcome), and turns any failure into a polite answer with a reference that is on the error's
 * log line. Nothing a handler throws reaches discord.js or stops the bot.
 */
export function createDispatcher(options: DispatcherOptions): (event: Interaction | Message) => Promise<void> {
  const { logger, onHandled } = options;
  return async (event) => {
    const handled = event instanceof Message ? forMessage(event, options) : forInteraction(event, options);
    if (!handled) return;
    const { subject, fields, run, apologize } = handled;
    const started = performance.now();
    let outcome: Outcome = "error";
    try {
      outcome = await run();
      logger[outcome === "refused" ? "warn" : "info"](
        { ...fields, outcome, latencyMs: elapsed(started) },
        `${subject} handled`,
      );
    } catch (error) {
      if ((error as { code?: unknown }).code === UNKNOWN_INTERACTION) {
        // Discord gave up on it (3 s passed, or it was answered elsewhere): nothing can be sent any more.
        logger.warn(
          { ...fields, outcome, latencyMs: elapsed(started), err: error },
          "interaction expired before it was answered",
        );
        return;
      }
      const ref = randomBytes(4).toString("hex");
      logger.error({ ...fields, outcome, latencyMs: elapsed(started), ref, err: error }, `${subject} failed`);
      await apologize(ref).catch((failure: unknown) =>
        // It may have expired (10062) or Discord may be failing: the log line is what is left.
        logger.warn({ ...fields, ref, err: failure }, "could not send the error reply"),
      );
    } finally {
      onHandled?.({ kind: fields.kind, command: fields.command, outcome, latencyMs: elapsed(started) });
    }
  };
}

const apology = (ref: string) => `Sorry, something went wrong on my side (ref: ${ref}). Please try again in a moment.`;

function forInteraction(interaction: Interaction, options: DispatcherOptions): Handled | undefined {
  const { context } = options;
  const kind = interaction.isAutocomplete()
    ? "autocomplete"
    : interaction.isChatInputCommand()
      ? "command"
      : interaction.isMessageContextMenuCommand()
        ? "menu"
        : interaction.isMessageComponent()
          ? "component"
          : "other";
  const command =
    interaction.isCommand() || interaction.isAutocomplete()
      ? interaction.commandName
      : interaction.isMessageComponent()
        ? (interaction.customId.split(":")[0] ?? "")
        : "";
  const run = interaction.isAutocomplete()
    ? () => autocomplete(interaction, context())
    : interaction.isChatInputCommand() || interaction.isMessageContextMenuCommand()
      ? () => runCommand(interaction, options)
      : interaction.isButton() && parsePassageButtonId(interaction.customId)
        ? () => showPassage(interaction, context())
        : interaction.isButton() || interaction.isStringSelectMenu()
          ? () => turnSlide(interaction, context())
          : undefined;
  if (!run) return undefined;
  return {
    subject: "interaction",
    fields: {
      kind,
      command,
      interaction: interaction.id,
      user: interaction.user.id,
      guild: interaction.guildId ?? "dm",
    },
    run,
    apologize: (ref) => apologize(interaction, ref),
  };
}

/** A message for the bot (a mention, a DM); undefined for every other message, which is not logged. */
function forMessage(message: Message, options: DispatcherOptions): Handled | undefined {
  const asked = readMessage(message);
  if (!asked) return undefined;
  return {
    subject: "message",
    fields: {
      kind: "message",
      command: asked.via,
      message: message.id,
      user: message.author.id,
      guild: message.guildId ?? "dm",
    },
    run: () => converse(message, asked, options),
    apologize: (ref) => message.reply(conversationalNotice(apology(ref))),
  };
}

/** Answers a message in conversation, unless its member or channel has had its share of answers. */
async function converse(message: Message, asked: Asked, options: DispatcherOptions): Promise<Outcome> {
  if (!options.flood.admit(message.author.id, message.channelId)) return "throttled";
  if ("hint" in asked) {
    await message.reply(conversationalNotice(asked.hint));
    return "hinted";
  }
  const context = options.context();
  const { reply, followUp } = await answerInConversation(asked, context, options.followUps);
  const asker = { userId: message.author.id, inGuild: message.inGuild() };
  const sent = await message.reply(conversationalReply(reply, context.engine.pack, asker));
  if (followUp) await options.followUps.remember(sent.id, followUp);
  return reply.answered ? "answered" : "not-in-article";
}

function elapsed(started: number): number {
  return Math.round((performance.now() - started) * 100) / 100;
}

/** Option values by name; a subcommand's options are read as the command's own. */
function optionValues(
  options: readonly CommandInteractionOption[],
  values: Record<string, RawOptions[string]> = {},
): RawOptions {
  for (const option of options) {
    if (option.options) optionValues(option.options, values);
    else values[option.name] = option.value;
  }
  return values;
}

/** A slash command, or a message menu command (its handler gets the message's text; the answer is private). */
async function runCommand(
  interaction: ChatInputCommandInteraction | MessageContextMenuCommandInteraction,
  dispatcher: DispatcherOptions,
): Promise<Outcome> {
  const context = dispatcher.context();
  const command = context.commands.find((c) => c.name === interaction.commandName);
  if (!command) {
    await interaction.reply(renderNotice("I don't know that command any more. It may have been removed; try /help."));
    return "refused";
  }
  const menu = interaction.isMessageContextMenuCommand();
  const options = menu
    ? Object.fromEntries(command.textOption ? [[command.textOption, interaction.targetMessage.content]] : [])
    : optionValues(interaction.options.data);
  const refusal = permissionProblem(interaction, command, options);
  if (refusal) {
    await interaction.reply(renderNotice(refusal));
    return "refused";
  }
  const isModerator = interaction.memberPermissions?.has(PermissionFlagsBits.ManageMessages) === true;
  const overrides = dispatcher.cooldownOverrides;
  const seconds = overrides[command.name] ?? overrides["*"] ?? command.cooldownSeconds ?? DEFAULT_COOLDOWN_SECONDS;
  const blockedUntil = isModerator ? undefined : dispatcher.cooldowns.take(command.name, interaction.user.id, seconds);
  if (blockedUntil !== undefined) {
    await interaction.reply(
      renderNotice(
        `You're going a little fast: you can use /${command.name} again <t:${Math.ceil(blockedUntil / 1000)}:R>.`,
      ),
    );
    return "throttled";
  }

  const { reply } = command.execute(context, options);
  if (reply.action && reply.answered && interaction.isChatInputCommand()) {
    const { logger, reload, shutdown } = dispatcher;
    return carryOut(interaction, reply.action, { context, logger, reload, shutdown });
  }
  await interaction.reply(
    renderReply(reply, context.engine.pack, {
      userId: interaction.user.id,
      hide: menu || options.hide === true,
      mention: typeof options.mention === "string" ? options.mention : undefined,
      ...(menu ? { postable: true as const } : {}),
    }),
  );
  return reply.answered ? "answered" : "not-in-article";
}

const permissionLabel = (name: PermissionName) => name.replace(/([a-z])([A-Z])/g, "$1 $2");

/**
 * Checks what a command requires at run time, in the channel it acts on: a server's admins can override
 * the command's default permissions, and a moderator of one channel is not one of another. The
 * permissions are Discord's own, from the interaction (roles, overwrites and timeouts applied): the
 * member's and the app's where it was typed, the member's in a channel an option names. Only the app's
 * permissions in another channel, which Discord may leave out, come from the cache. The bot's own
 * permissions are checked before it starts, so it never fails halfway.
 */
function permissionProblem(
  interaction: ChatInputCommandInteraction | MessageContextMenuCommandInteraction,
  command: Command,
  options: RawOptions,
): string | undefined {
  const needs = command.requires;
  if (!needs) return undefined;
  if (!interaction.inGuild()) return `/${command.name} works in servers only.`;
  const named = needs.channelOption ? interaction.options.get(needs.channelOption)?.channel : undefined;
  const channelId = needs.channelOption ? options[needs.channelOption] : interaction.channelId;
  if (typeof channelId !== "string" || (needs.channelOption && !named))
    return "I can't find that channel, or it isn't one I can post in.";
  const member = named ? permissionsOf(named, "permissions") : interaction.memberPermissions;
  const app =
    (named && permissionsOf(named, "appPermissions")) ??
    (channelId === interaction.channelId ? interaction.appPermissions : cachedAppPermissions(interaction, channelId));
  const missing = (granted: PermissionsBitField | null | undefined, wanted: PermissionName[]) =>
    (granted ? granted.missing(wanted.map((p) => PermissionFlagsBits[p])) : wanted) as PermissionName[];
  const memberMissing = missing(member, [...needs.member, ...(needs.memberInChannel ?? [])]);
  if (memberMissing.length > 0)
    return `You need the ${memberMissing.map(permissionLabel).join(", ")} permission${memberMissing.length === 1 ? "" : "s"} in <#${channelId}> to use /${command.name}.`;
  const botMissing = missing(app, needs.bot ?? []);
  if (botMissing.length > 0)
    return `I can't do that in <#${channelId}>: I'm missing ${botMissing.map(permissionLabel).join(", ")}. Ask an admin to grant ${botMissing.length === 1 ? "it" : "them"} to me there.`;
  return undefined;
}

/**
 * Permissions Discord sent with a resolved channel: bit fields on a channel discord.js could build,
 * strings on the raw one it passes on otherwise; undefined when Discord sent none.
 */
function permissionsOf(channel: object, field: "permissions" | "appPermissions"): PermissionsBitField | undefined {
  const c = channel as { permissions?: unknown; appPermissions?: unknown; app_permissions?: unknown };
  const value = field === "permissions" ? c.permissions : (c.appPermissions ?? c.app_permissions);
  if (value instanceof PermissionsBitField) return value;
  return typeof value === "string" ? new PermissionsBitField(BigInt(value)) : undefined;
}

function cachedAppPermissions(
  interaction: ChatInputCommandInteraction | MessageContextMenuCommandInteraction,
  channelId: string,
) {
  const channel = interaction.guild?.channels.cache.get(channelId);
  const me = interaction.guild?.members.me;
  return channel && me ? channel.permissionsFor(me) : undefined;
}

async function autocomplete(interaction: AutocompleteInteraction, context: CommandContext): Promise<Outcome> {
  const focused = interaction.options.getFocused(true);
  const choices =
    context.commands
      .find((c) => c.name === interaction.commandName)
      ?.autocomplete?.(context, {
        name: focused.name,
        value: String(focused.value),
      }) ?? [];
  await interaction.respond(choices);
  return "answered";
}

/**
 * Slide buttons and the slideshow's menu. The asker's click turns the page in place; anyone else gets
 * their own private copy at that slide, so nobody changes what the asker is reading.
 */
async function turnSlide(
  interaction: ButtonInteraction | StringSelectMenuInteraction,
  context: CommandContext,
): Promise<Outcome> {
  const target = parseSlideControlId(interaction.customId);
  const { pack } = context.engine;
  if (!target || target.versionTag !== packVersionTag(pack)) {
    await interaction.reply(
      renderNotice(
        "This slideshow is out of date: the gallery has changed since it was posted. Run /photo or /slideshow to see the current one.",
      ),
    );
    return "refused";
  }
  const number = interaction.isStringSelectMenu() ? Number(interaction.values[0]) : target.slide;
  const answer = findSlide(context.engine, { number });
  const reply = { ...answer.reply, slideshow: target.controls === "show" };
  const isOwner = interaction.user.id === target.ownerId;
  const rendered = renderReply(reply, pack, { userId: interaction.user.id, hide: !isOwner });
  if (isOwner) {
    const { flags, ...update } = rendered;
    // Replace the attachment shown before; the new slide brings its own.
    await interaction.update({ ...update, attachments: [] });
  } else {
    await interaction.reply(rendered);
  }
  return reply.answered ? "answered" : "not-in-article";
}

/**
 * A passage's button: an offered passage replaces the offer (the engine was not sure); "Post in channel"
 * shows a private answer to the channel, pinging nobody.
 */
async function showPassage(interaction: ButtonInteraction, context: CommandContext): Promise<Outcome> {
  const target = parsePassageButtonId(interaction.customId);
  const { pack } = context.engine;
  if (!target || target.versionTag !== packVersionTag(pack)) {
    await interaction.reply(renderNotice("The article has changed since this was shown. Please ask again."));
    return "refused";
  }
  const { reply } = showOffered(context.engine, target.passageId);
  if (target.button === "post") {
    await interaction.reply(renderReply(reply, pack, { userId: interaction.user.id }));
  } else {
    const { flags, ...update } = renderReply(reply, pack, { userId: interaction.user.id, hide: true });
    await interaction.update({ ...update, attachments: [] });
  }
  return reply.answered ? "answered" : "not-in-article";
}

async function apologize(interaction: Interaction, ref: string): Promise<void> {
  const notice = renderNotice(apology(ref));
  if (interaction.isAutocomplete()) {
    if (!interaction.responded) await interaction.respond([]);
  } else if (interaction.isRepliable()) {
    if (interaction.replied || interaction.deferred) await interaction.followUp(notice);
    else await interaction.reply(notice);
  }
}
