import { randomBytes } from "node:crypto";
import type { AutocompleteInteraction, ButtonInteraction, ChatInputCommandInteraction, Interaction } from "discord.js";
import { findCommand, type CommandContext, type CommandOptions } from "../../commands/index.js";
import type { Logger } from "../logger.js";
import { findSlide } from "../search/engine.js";
import { packVersionTag, parseSlideButtonId, renderNotice, renderReply } from "./render.js";

export type Outcome = "answered" | "not-in-article" | "refused" | "error";

export interface DispatcherOptions {
  /** The current commands and engine; a function because /reload can swap the pack. */
  context: () => CommandContext;
  logger: Logger;
  /** Called once per interaction, for metrics. */
  onHandled?: (event: { kind: string; command: string; outcome: Outcome; latencyMs: number }) => void;
}

/**
 * The one entry point for every interaction: routes it, logs it (command, user, guild, latency,
 * outcome), and turns any failure into a polite ephemeral answer with a reference that is on the error's
 * log line. Nothing a handler throws reaches discord.js or stops the bot.
 */
export function createDispatcher({ context, logger, onHandled }: DispatcherOptions): (interaction: Interaction) => Promise<void> {
  return async (interaction) => {
    const started = performance.now();
    const kind = interaction.isAutocomplete() ? "autocomplete" : interaction.isChatInputCommand() ? "command" : interaction.isButton() ? "button" : "other";
    const command = interaction.isCommand() || interaction.isAutocomplete() ? interaction.commandName : interaction.isButton() ? interaction.customId.split(":")[0] ?? "" : "";
    const fields = { kind, command, interaction: interaction.id, user: interaction.user.id, guild: interaction.guildId ?? "dm" };
    let outcome: Outcome = "error";
    try {
      if (interaction.isAutocomplete()) outcome = await autocomplete(interaction, context());
      else if (interaction.isChatInputCommand()) outcome = await runCommand(interaction, context());
      else if (interaction.isButton()) outcome = await clickSlideButton(interaction, context());
      else return;
      logger.info({ ...fields, outcome, latencyMs: elapsed(started) }, "interaction handled");
    } catch (error) {
      const ref = randomBytes(4).toString("hex");
      logger.error({ ...fields, outcome, latencyMs: elapsed(started), ref, err: error }, "interaction failed");
      await apologize(interaction, ref, logger);
    } finally {
      onHandled?.({ kind, command, outcome, latencyMs: elapsed(started) });
    }
  };
}

function elapsed(started: number): number {
  return Math.round((performance.now() - started) * 100) / 100;
}

async function runCommand(interaction: ChatInputCommandInteraction, context: CommandContext): Promise<Outcome> {
  const command = findCommand(interaction.commandName);
  if (!command) {
    await interaction.reply(renderNotice("I don't know that command any more. It may have been removed; try /help."));
    return "refused";
  }
  const options: CommandOptions = Object.fromEntries(interaction.options.data.map((o) => [o.name, o.value]));
  const { reply } = command.execute(context, options);
  await interaction.reply(
    renderReply(reply, context.engine.pack, {
      userId: interaction.user.id,
      hide: options.hide === true,
      mention: typeof options.mention === "string" ? options.mention : undefined,
    }),
  );
  return reply.answered ? "answered" : "not-in-article";
}

async function autocomplete(interaction: AutocompleteInteraction, context: CommandContext): Promise<Outcome> {
  const focused = interaction.options.getFocused(true);
  const choices = findCommand(interaction.commandName)?.autocomplete?.(context, { name: focused.name, value: String(focused.value) }) ?? [];
  await interaction.respond(choices);
  return "answered";
}

/**
 * Previous / Next on a slide. The asker's click turns the page in place; anyone else gets their own
 * ephemeral copy at that slide, so nobody changes what the asker is reading.
 */
async function clickSlideButton(interaction: ButtonInteraction, context: CommandContext): Promise<Outcome> {
  const target = parseSlideButtonId(interaction.customId);
  const { pack } = context.engine;
  if (!target || target.versionTag !== packVersionTag(pack)) {
    await interaction.reply(renderNotice("This slideshow is out of date: the gallery has changed since it was posted. Run /photo to see the current one."));
    return "refused";
  }
  const { reply } = findSlide(context.engine, { number: target.slide });
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

async function apologize(interaction: Interaction, ref: string, logger: Logger): Promise<void> {
  const notice = renderNotice(`Sorry, something went wrong on my side (ref: ${ref}). Please try again in a moment.`);
  try {
    if (interaction.isAutocomplete()) {
      if (!interaction.responded) await interaction.respond([]);
    } else if (interaction.isRepliable()) {
      if (interaction.replied || interaction.deferred) await interaction.followUp(notice);
      else await interaction.reply(notice);
    }
  } catch (error) {
    // The interaction may have expired (10062) or Discord may be failing: the log line is what is left.
    logger.warn({ ref, interaction: interaction.id, err: error }, "could not send the error reply");
  }
}
