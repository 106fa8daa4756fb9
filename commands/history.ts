import { findHistory } from "../src/search/engine.js";
import { slashCommand, text, withReplyOptions, type Command } from "./command.js";

export const history: Command = {
  name: "history",
  description: "The article's timeline, or the events of a year, range, decade or name",
  example: "history 1950",
  textOption: { name: "query", required: false },
  data: () =>
    withReplyOptions(
      slashCommand("history", "The article's timeline: a year, a range, a decade or an event").addStringOption((o) =>
        o.setName("query").setDescription("e.g. 1950, 1948-1953, 1940s, japanese rule").setMaxLength(200).setAutocomplete(true),
      ),
    ),
  execute: ({ engine }, options) => findHistory(engine, text(options, "query")),
  autocomplete: ({ engine }, focused) => engine.suggest.history(focused.value),
};
