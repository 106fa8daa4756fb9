import { emptyReply } from "../src/search/reply.js";
import { slashCommand, type Command } from "./command.js";

export const help: Command = {
  name: "help",
  description: "What the bot can do, with an example of each command",
  example: "help",
  data: () => slashCommand("help", "What the bot can do, with an example of each command", []),
  execute: ({ engine, commands }) => {
    const reply = emptyReply(
      true,
      "summit-bot",
      `I answer questions about "${engine.pack.meta.title}" (${engine.pack.meta.publisher}).`,
    );
    reply.fields = commands.map((c) => ({ name: `/${c.name}`, value: `${c.description}. Example: /${c.example}` }));
    return { reply, matches: [] };
  },
};
