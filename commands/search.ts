import { ApplicationCommandOptionType } from "discord-api-types/v10";
import { searchArticle } from "../src/search/engine.js";
import { defineCommand, REPLY_OPTIONS } from "./command.js";

export const search = defineCommand({
  name: "search",
  description: "List the passages and slides that match some words",
  example: "armistice",
  textOption: "words",
  options: [
    {
      type: ApplicationCommandOptionType.String,
      name: "words",
      description: "What to look for",
      required: true,
      max_length: 200,
      autocomplete: true,
    },
    ...REPLY_OPTIONS,
  ],
  execute: ({ engine }, { words }) => searchArticle(engine, words),
  autocomplete: ({ engine }, focused) => engine.suggest.topics(focused.value),
});
