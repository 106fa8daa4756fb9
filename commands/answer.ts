import { ApplicationCommandOptionType } from "discord-api-types/v10";
import { answerQuestion } from "../src/search/engine.js";
import { defineCommand } from "./command.js";

/** The message menu's Apps entry: answers any message's text, as /ask would, to the one who clicked. */
export const answer = defineCommand({
  name: "Answer from the article",
  description: "Answers the question in someone's message, privately, with a button to post it",
  example: "",
  menu: "message",
  textOption: "text",
  options: [
    { type: ApplicationCommandOptionType.String, name: "text", description: "The message's text", required: true },
  ],
  discordOnly: true,
  execute: ({ engine }, { text }) => answerQuestion(engine, text),
});
