import type { ChatInputCommandInteraction } from "discord.js";
import type { CommandContext } from "../../../commands/index.js";
import type { ContentProblem } from "../../content/pack.js";
import type { Logger } from "../../logger.js";
import type { ReplyAction } from "../../search/reply.js";
import { postGallery } from "./post-gallery.js";
import { reloadPack } from "./reload.js";

export type Outcome = "answered" | "not-in-article" | "refused" | "throttled" | "error";

export type ReloadResult =
  | { ok: true; version: string; paragraphs: number; slides: number; redeploy: boolean }
  | { ok: false; problems: ContentProblem[] };

/** What an action may use besides its interaction. */
export interface ActionServices {
  context: CommandContext;
  logger: Logger;
  /** Re-reads the content pack. */
  reload: () => Promise<ReloadResult>;
}

type Executor<A extends ReplyAction> = (
  interaction: ChatInputCommandInteraction,
  action: A,
  services: ActionServices,
) => Promise<Outcome>;

/**
 * Commands stay free of Discord: what they ask Discord to do comes back as an action, and each kind of
 * action is carried out here, by its own module.
 */
const executors: { [K in ReplyAction["kind"]]: Executor<Extract<ReplyAction, { kind: K }>> } = {
  "post-gallery": postGallery,
  reload: reloadPack,
};

export function carryOut(
  interaction: ChatInputCommandInteraction,
  action: ReplyAction,
  services: ActionServices,
): Promise<Outcome> {
  return (executors[action.kind] as Executor<ReplyAction>)(interaction, action, services);
}
