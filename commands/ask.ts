import { answerQuestion } from "../src/search/engine.js";
import { ApplicationCommandOptionType } from "discord-api-types/v10";
import { REPLY_OPTIONS, slashCommand, text, type Command } from "./command.js";

export const ask: Command = {
  name: "ask",
  description: "Ask a question about the article",
  example: "ask who won the korean war?",
  textOption: { name: "question", required: true },
  data: () =>
    slashCommand("ask", "Ask a question about the article", [
      {
        type: ApplicationCommandOptionType.String,
        name: "question",
        description: "Your question, in your own words",
        required: true,
        max_length: 500,
        autocomplete: true,
      },
      ...REPLY_OPTIONS,
    ]),
  execute: ({ engine }, options) => answerQuestion(engine, text(options, "question")),
  autocomplete: ({ engine }, focused) => engine.suggest.topics(focused.value),
};
