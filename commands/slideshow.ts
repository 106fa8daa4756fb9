import { findSlide } from "../src/search/engine.js";
import { defineCommand } from "./command.js";

/** `/slideshow`: a public slideshow anyone can browse; the one who started it turns its pages. */
export const slideshow = defineCommand({
  name: "slideshow",
  description: "Start a slideshow of the gallery in this channel",
  example: "",
  cooldownSeconds: 10,
  execute: ({ engine }) => {
    const answer = findSlide(engine, { number: 1 });
    return { ...answer, reply: { ...answer.reply, slideshow: true } };
  },
});
