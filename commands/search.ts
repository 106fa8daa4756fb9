import { searchArticle } from "../src/search/engine.js";
import { slashCommand, text, withReplyOptions, type Command } from "./command.js";

export const search: Command = {
  name: "search",
  description: "List every passage and slide that matches some words",
  example: "search armistice",
  textOption: { name: "words", required: true },
  data: () =>
    withReplyOptions(
      slashCommand("search", "List the passages and slides that match some words").addStringOption((o) =>
        o.setName("words").setDescription("What to look for").setRequired(true).setMaxLength(200).setAutocomplete(true),
      ),
    ),
  execute: ({ engine }, options) => searchArticle(engine, text(options, "words")),
  autocomplete: ({ engine }, focused) => engine.suggest.topics(focused.value),
};
