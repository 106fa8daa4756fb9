import { ApplicationCommandOptionType } from "discord-api-types/v10";
import { answerQuestion } from "../src/search/engine.js";
import { defineCommand, REPLY_OPTIONS } from "./command.js";

export const ask = defineCommand({
  name: "ask",
  description: "Ask a question about the article",
  example: "who won the korean war?",
  textOption: "question",
  options: [
    {
      type: ApplicationCommandOptionType.String,
      name: "question",
      description: "Your question, in your own words",
      required: true,
      max_length: 500,
      autocomplete: true,
    },
    ...REPLY_OPTIONS,
  ],
  execute: ({ engine }, { question }) => answerQuestion(engine, question),
  autocomplete: ({ engine }, focused) => engine.suggest.topics(focused.value),
});
