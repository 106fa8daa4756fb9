import { describeArticle } from "../src/search/engine.js";
import { slashCommand, type Command } from "./command.js";

export const about: Command = {
  name: "about",
  description: "The article, its source and credits",
  example: "about",
  data: () => slashCommand("about", "The article, its source and credits", []),
  execute: ({ engine }) => ({ reply: describeArticle(engine), matches: [] }),
};
