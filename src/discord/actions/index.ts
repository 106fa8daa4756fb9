import type { ChatInputCommandInteraction } from "discord.js";
import type { ReplyAction } from "../../search/reply.js";
import type { ActionServices, Executor, Outcome } from "./action.js";
import { postGallery } from "./post-gallery.js";
import { reloadPack } from "./reload.js";

export type { ActionServices, Outcome, ReloadResult } from "./action.js";

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
