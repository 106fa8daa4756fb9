import { PermissionFlagsBits } from "discord-api-types/v10";
import { emptyReply } from "../src/search/reply.js";
import { slashCommand, type Command } from "./command.js";

/** `/reload`: moderators re-read the content pack; a broken pack keeps the current one serving. */
export const reload: Command = {
  name: "reload",
  description: "Re-read the content pack from disk (moderators)",
  example: "reload",
  requires: { member: ["ManageGuild"] },
  cooldownSeconds: 10,
  data: () =>
    slashCommand("reload", "Re-read the content pack from disk", [], {
      servers: true,
      permissions: PermissionFlagsBits.ManageGuild,
    }),
  execute: () => {
    const reply = emptyReply(true, "Reloading the content pack");
    reply.action = { kind: "reload" };
    return { reply, matches: [] };
  },
};
