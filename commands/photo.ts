import { findSlide } from "../src/search/engine.js";
import { slashCommand, text, withReplyOptions, type Command } from "./command.js";

export const photo: Command = {
  name: "photo",
  description: "Show a slide of the gallery by number or by words",
  example: "photo 5",
  textOption: { name: "query", required: false },
  data: (pack) =>
    withReplyOptions(
      slashCommand("photo", "Show a slide of the gallery")
        .addIntegerOption((o) => o.setName("number").setDescription("Slide number").setMinValue(1).setMaxValue(pack.slides.length))
        .addStringOption((o) =>
          o.setName("query").setDescription("Words from its title, caption or credit").setMaxLength(200).setAutocomplete(true),
        ),
    ),
  execute: ({ engine }, options) =>
    findSlide(engine, { number: typeof options.number === "number" ? options.number : undefined, query: text(options, "query") }),
  autocomplete: ({ engine }, focused) => engine.suggest.slides(focused.value),
};
