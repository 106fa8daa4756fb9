import { findHistory } from "../src/search/engine.js";
import { ApplicationCommandOptionType } from "discord-api-types/v10";
import { REPLY_OPTIONS, slashCommand, text, type Command } from "./command.js";

export const history: Command = {
  name: "history",
  description: "The article's timeline, or the events of a year, range, decade or name",
  example: "history 1950",
  textOption: { name: "query", required: false },
  data: () =>
    slashCommand("history", "The article's timeline: a year, a range, a decade or an event", [
      {
        type: ApplicationCommandOptionType.String,
        name: "query",
        description: "e.g. 1950, 1948-1953, 1940s, japanese rule",
        max_length: 200,
        autocomplete: true,
      },
      ...REPLY_OPTIONS,
    ]),
  execute: ({ engine }, options) => findHistory(engine, text(options, "query")),
  autocomplete: ({ engine }, focused) => engine.suggest.history(focused.value),
};
