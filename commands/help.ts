import { emptyReply } from "../src/search/reply.js";
import { defineCommand, type Command, type Surface } from "./command.js";

export const help = defineCommand({
  name: "help",
  description: "What the bot can do, with an example of each command",
  example: "",
  execute: ({ engine, commands, surface }) => {
    const reply = emptyReply(
      true,
      "summit-bot",
      `I answer questions about "${engine.pack.meta.title}" (${engine.pack.meta.publisher}).`,
    );
    reply.fields = commands
      .filter((c) => surface === "discord" || !c.discordOnly)
      .map((c) => ({ name: invocation(c, surface), value: `${c.description}. Example: ${typed(c, surface)}` }));
    return { reply, matches: [] };
  },
});

/** How a command is named where it runs: "/ask" on Discord, "ask" in the terminal; a menu command by its name. */
const invocation = (command: Command, surface: Surface) =>
  (surface === "discord" && !command.menu ? "/" : "") + command.name;

/** The example as it is typed there: "/history query:1950" on Discord, "history 1950" in the terminal. */
function typed(command: Command, surface: Surface): string {
  if (command.menu) return `on any message, Apps › ${command.name}`;
  const words =
    surface === "discord" && command.textOption ? `${command.textOption}:${command.example}` : command.example;
  return [invocation(command, surface), words].filter(Boolean).join(" ");
}
