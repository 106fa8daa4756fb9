import { ApplicationCommandOptionType } from "discord-api-types/v10";
import { findHistory } from "../src/search/engine.js";
import { defineCommand, REPLY_OPTIONS } from "./command.js";

export const history = defineCommand({
  name: "history",
  description: "The article's timeline: a year, a range, a decade or an event",
  example: "1950",
  textOption: "query",
  options: [
    {
      type: ApplicationCommandOptionType.String,
      name: "query",
      description: "e.g. 1950, 1948-1953, 1940s, japanese rule",
      max_length: 200,
      autocomplete: true,
    },
    ...REPLY_OPTIONS,
  ],
  execute: ({ engine }, { query }) => findHistory(engine, query ?? ""),
  autocomplete: ({ engine }, focused) => engine.suggest.history(focused.value),
});
