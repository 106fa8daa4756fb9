import { loadImage } from "@napi-rs/canvas";
import { describe, expect, it } from "vitest";
import {
  renderSlideCard,
  SLIDE_CARD_HEIGHT,
  SLIDE_CARD_WIDTH,
  type SlideCardText,
} from "../../src/content/slide-card.js";

const slide5: SlideCardText = {
  number: 5,
  total: 8,
  title: "the border",
  caption: "History is made as President Moon Jae-in steps across the border into North Korea for the first time.",
  credit: "Korea Summit Press Pool/Pool via Reuters",
  galleryTitle: "In Pictures: Kim Jong Un Meets Moon Jae-in for Korean Peace Talks",
};

/** Share of bright pixels (text) in a band of the card. */
async function inkIn(png: Buffer, top: number, bottom: number): Promise<number> {
  const image = await loadImage(png);
  const { createCanvas } = await import("@napi-rs/canvas");
  const canvas = createCanvas(image.width, image.height);
  const ctx = canvas.getContext("2d");
  ctx.drawImage(image, 0, 0);
  const { data } = ctx.getImageData(0, top, image.width, bottom - top);
  let bright = 0;
  for (let i = 0; i < data.length; i += 4) if ((data[i] as number) > 160) bright++;
  return bright / (data.length / 4);
}

describe("slide cards", () => {
  it("is a 1200x675 PNG", async () => {
    const png = await renderSlideCard(slide5);
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(png.readUInt32BE(16)).toBe(SLIDE_CARD_WIDTH);
    expect(png.readUInt32BE(20)).toBe(SLIDE_CARD_HEIGHT);
  });

  it("draws the title and caption in the bundled font (text pixels where the text goes)", async () => {
    const png = await renderSlideCard(slide5);
    expect(await inkIn(png, 150, 400)).toBeGreaterThan(0.02);
    expect(await inkIn(png, 420, 560)).toBeLessThan(0.001);
  });

  it("differs from slide to slide", async () => {
    const other = await renderSlideCard({
      ...slide5,
      number: 8,
      title: "taking a stroll",
      caption: "Almost like old school friends, the Korean leaders walk and talk.",
    });
    expect(other.equals(await renderSlideCard(slide5))).toBe(false);
  });

  it("fits any text without throwing: 6,000 characters, emoji, RTL, control characters, lone surrogates", async () => {
    const caption = `${"\u0000\u0007😀 مرحبا z̷̢a̵l̴g̶o ".repeat(200)}\uD800${"x".repeat(600)}`;
    const png = await renderSlideCard({
      ...slide5,
      title: caption.slice(0, 300),
      caption,
      credit: caption.slice(0, 200),
    });
    expect(png.readUInt32BE(16)).toBe(SLIDE_CARD_WIDTH);
  });
});
