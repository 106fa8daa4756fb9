import { emptyReply } from "../src/search/reply.js";
import { defineCommand } from "./command.js";

/** `/reload`: moderators re-read the content pack; a broken pack keeps the current one serving. */
export const reload = defineCommand({
  name: "reload",
  description: "Re-read the content pack from disk (moderators)",
  example: "",
  requires: { member: ["ManageGuild"] },
  discordOnly: true,
  cooldownSeconds: 10,
  execute: () => {
    const reply = emptyReply(true, "Reloading the content pack");
    reply.action = { kind: "reload" };
    return { reply, matches: [] };
  },
});
