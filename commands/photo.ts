import { findSlide } from "../src/search/engine.js";
import { ApplicationCommandOptionType } from "discord-api-types/v10";
import { REPLY_OPTIONS, slashCommand, text, type Command } from "./command.js";

export const photo: Command = {
  name: "photo",
  description: "Show a slide of the gallery by number or by words",
  example: "photo 5",
  textOption: { name: "query", required: false },
  data: (pack) =>
    slashCommand("photo", "Show a slide of the gallery", [
      {
        type: ApplicationCommandOptionType.Integer,
        name: "number",
        description: "Slide number",
        min_value: 1,
        max_value: pack.slides.length,
      },
      {
        type: ApplicationCommandOptionType.String,
        name: "query",
        description: "Words from its title, caption or credit",
        max_length: 200,
        autocomplete: true,
      },
      ...REPLY_OPTIONS,
    ]),
  execute: ({ engine }, options) =>
    findSlide(engine, {
      number: typeof options.number === "number" ? options.number : undefined,
      query: text(options, "query"),
    }),
  autocomplete: ({ engine }, focused) => engine.suggest.slides(focused.value),
};
