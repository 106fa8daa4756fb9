import type { ChatInputCommandInteraction } from "discord.js";
import type { CommandContext } from "../../../commands/index.js";
import type { ContentProblem } from "../../content/pack.js";
import type { Logger } from "../../logger.js";
import type { ReplyAction } from "../../search/reply.js";

/** How a request ended; "hinted" is a message that asked nothing, answered with how to ask. */
export type Outcome = "answered" | "not-in-article" | "hinted" | "refused" | "throttled" | "error";

export type ReloadResult =
  | { ok: true; version: string; paragraphs: number; slides: number; redeploy: boolean }
  | { ok: false; problems: ContentProblem[] };

/** What an action may use besides its interaction. */
export interface ActionServices {
  context: CommandContext;
  logger: Logger;
  /** Re-reads the content pack. */
  reload: () => Promise<ReloadResult>;
  /** Aborted when the bot shuts down: long actions stop at the next safe point and say so. */
  shutdown: AbortSignal;
}

export type Executor<A extends ReplyAction> = (
  interaction: ChatInputCommandInteraction,
  action: A,
  services: ActionServices,
) => Promise<Outcome>;
