import { commands, findCommand, type Command, type CommandContext } from "../../commands/index.js";
import type { ContentConfig } from "../config/env.js";
import { loadArticlePack } from "../content/read-pack.js";
import { createSearchEngine } from "../search/engine.js";
import type { Answer } from "../search/reply.js";

export class UsageError extends Error {
  override name = "UsageError";
}

export async function loadCommandContext(config: ContentConfig): Promise<CommandContext> {
  const pack = await loadArticlePack(config.CONTENT_DIR, { cardCacheDir: config.CARD_CACHE_DIR });
  return { engine: createSearchEngine(pack), commands, surface: "terminal" };
}

/** The commands the terminal runs: those whose effect is not on Discord. */
export const terminalCommands = commands.filter((c) => !c.discordOnly);

/** Runs a command from words as a person types them: the words fill the command's text option. */
export function runCommand(context: CommandContext, name: string, words: string): { command: Command; answer: Answer } {
  const command = findCommand(name);
  if (!command) {
    throw new UsageError(`Unknown command "${name}". Commands: ${terminalCommands.map((c) => c.name).join(", ")}.`);
  }
  if (command.discordOnly) throw new UsageError(`"${name}" acts on Discord: a moderator runs /${name} there.`);
  const option = command.textOption;
  if (option && !words.trim() && isRequired(command, option, context)) {
    throw new UsageError(
      `"${name}" needs ${option === "question" ? "a question" : `some ${option}`}, e.g. ${name} ${command.example}`,
    );
  }
  return { command, answer: command.execute(context, option ? { [option]: words } : {}) };
}

function isRequired(command: Command, option: string, context: CommandContext): boolean {
  const definition = command.data(context.engine.pack).options?.find((o) => o.name === option);
  return definition !== undefined && "required" in definition && definition.required === true;
}

/** The JSON shape tooling reads: one object per request. */
export function answerJson(name: string, words: string, answer: Answer) {
  return {
    command: name,
    query: words,
    answered: answer.reply.answered,
    offered: answer.reply.offers.map((o) => o.id),
    matches: answer.matches,
    reply: answer.reply,
  };
}

/**
 * One line of a batch file: `{"command","query"}`, or a question-bank line (`kind`, `question`). A bad
 * line gets `{"error"}` in its place so the batch goes on.
 */
export function runBatchLine(context: CommandContext, line: string): object {
  try {
    const request: unknown = JSON.parse(line);
    if (typeof request !== "object" || request === null || Array.isArray(request))
      throw new UsageError("a line must be a JSON object");
    const fields = request as Record<string, unknown>;
    const name = fields.command ?? fields.kind;
    const words = fields.query ?? fields.question ?? "";
    if (typeof name !== "string") throw new UsageError('a line needs "command" (or "kind")');
    if (typeof words !== "string") throw new UsageError('"query" (or "question") must be text');
    return answerJson(name, words, runCommand(context, name, words).answer);
  } catch (error) {
    return { error: error instanceof SyntaxError ? `not JSON: ${error.message}` : (error as Error).message };
  }
}
