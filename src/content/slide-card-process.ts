import { renderSlideCard, type SlideCardText } from "./slide-card.js";

/** The child process of render-cards.ts: draws the cards it is sent, returns the PNGs, and exits. */
process.once("message", (cards: SlideCardText[]) => {
  void Promise.all(cards.map(renderSlideCard)).then((pngs) => process.send?.(pngs, () => process.exit(0)));
});
