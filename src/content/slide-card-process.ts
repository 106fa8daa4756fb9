import { renderSlideCard, type SlideCardText } from "./slide-card.js";

/**
 * The child process of render-cards.ts: draws the cards it is sent and returns each PNG as soon as it
 * is drawn (so the bot caches what was drawn even if a later card fails), then exits.
 */
process.once("message", async (cards: SlideCardText[]) => {
  for (const [index, card] of cards.entries()) {
    const png = await renderSlideCard(card);
    await new Promise((sent) => process.send?.({ index, png }, sent));
  }
  process.exit(0);
});
