import type { ArticlePack } from "../src/content/pack.js";
import { ApplicationCommandOptionType } from "discord-api-types/v10";
import { findSlide } from "../src/search/engine.js";
import { defineCommand, REPLY_OPTIONS } from "./command.js";

export const photo = defineCommand({
  name: "photo",
  description: "Show a slide of the gallery by number or by words",
  example: "5",
  textOption: "query",
  options: (pack: ArticlePack) => [
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
  ],
  execute: ({ engine }, { number, query }) => findSlide(engine, { number, query: query ?? "" }),
  autocomplete: ({ engine }, focused) => engine.suggest.slides(focused.value),
});
