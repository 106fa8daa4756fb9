import { describeArticle } from "../src/search/engine.js";
import { defineCommand } from "./command.js";

export const about = defineCommand({
  name: "about",
  description: "The article, its source and credits",
  example: "",
  execute: ({ engine }) => ({ reply: describeArticle(engine), matches: [] }),
});
