import { searchArticle } from "../src/search/engine.js";
import { ApplicationCommandOptionType } from "discord-api-types/v10";
import { REPLY_OPTIONS, slashCommand, text, type Command } from "./command.js";

export const search: Command = {
  name: "search",
  description: "List every passage and slide that matches some words",
  example: "search armistice",
  textOption: { name: "words", required: true },
  data: () =>
    slashCommand("search", "List the passages and slides that match some words", [
      {
        type: ApplicationCommandOptionType.String,
        name: "words",
        description: "What to look for",
        required: true,
        max_length: 200,
        autocomplete: true,
      },
      ...REPLY_OPTIONS,
    ]),
  execute: ({ engine }, options) => searchArticle(engine, text(options, "words")),
  autocomplete: ({ engine }, focused) => engine.suggest.topics(focused.value),
};
