import { answerQuestion } from "../src/search/engine.js";
import { slashCommand, text, withReplyOptions, type Command } from "./command.js";

export const ask: Command = {
  name: "ask",
  description: "Ask a question about the article",
  example: "ask who won the korean war?",
  textOption: { name: "question", required: true },
  data: () =>
    withReplyOptions(
      slashCommand("ask", "Ask a question about the article").addStringOption((o) =>
        o.setName("question").setDescription("Your question, in your own words").setRequired(true).setMaxLength(500).setAutocomplete(true),
      ),
    ),
  execute: ({ engine }, options) => answerQuestion(engine, text(options, "question")),
  autocomplete: ({ engine }, focused) => engine.suggest.topics(focused.value),
};
