import { findSlide } from "../src/search/engine.js";
import { slashCommand, type Command } from "./command.js";

/** `/slideshow`: a public slideshow anyone can browse; the one who started it turns its pages. */
export const slideshow: Command = {
  name: "slideshow",
  description: "Start a slideshow of the gallery in this channel",
  example: "slideshow",
  cooldownSeconds: 10,
  data: () => slashCommand("slideshow", "Start a slideshow of the gallery in this channel", []),
  execute: ({ engine }) => {
    const answer = findSlide(engine, { number: 1 });
    return { ...answer, reply: { ...answer.reply, slideshow: true } };
  },
};
