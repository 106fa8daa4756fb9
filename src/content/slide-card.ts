import { createRequire } from "node:module";
import { createCanvas, GlobalFonts, type SKRSContext2D } from "@napi-rs/canvas";

/**
 * Slide cards: the picture a slide shows when the pack has no licensed photo for it. Drawn when a pack
 * loads (any pack, at run time, so no build step; render-cards.ts keeps them for the next start), with a
 * bundled font because the production image has no system fonts.
 */

export interface SlideCardText {
  number: number;
  total: number;
  title: string;
  caption: string;
  credit: string;
  galleryTitle: string;
}

export const SLIDE_CARD_WIDTH = 1200;
export const SLIDE_CARD_HEIGHT = 675;

const FONT = "SummitCardInter";
const require = createRequire(import.meta.url);
for (const weight of ["400Regular/Inter_400Regular.ttf", "700Bold/Inter_700Bold.ttf"]) {
  GlobalFonts.registerFromPath(require.resolve(`@expo-google-fonts/inter/${weight}`), FONT);
}

const MARGIN = 72;
const TEXT_WIDTH = SLIDE_CARD_WIDTH - 2 * MARGIN;
const COLORS = {
  background: "#14181f",
  band: "#1f6fb2",
  header: "#9aa4b2",
  title: "#ffffff",
  caption: "#e6e9ee",
  credit: "#9aa4b2",
} as const;

/** Draws on the main thread; the PNG encoding, most of the cost, runs on libuv's thread pool. */
export function renderSlideCard(text: SlideCardText): Promise<Buffer> {
  const canvas = createCanvas(SLIDE_CARD_WIDTH, SLIDE_CARD_HEIGHT);
  const ctx = canvas.getContext("2d");
  ctx.fillStyle = COLORS.background;
  ctx.fillRect(0, 0, SLIDE_CARD_WIDTH, SLIDE_CARD_HEIGHT);
  ctx.fillStyle = COLORS.band;
  ctx.fillRect(0, 0, 12, SLIDE_CARD_HEIGHT);
  ctx.textBaseline = "alphabetic";

  const header = `${text.number} / ${text.total}   ·   ${clean(text.galleryTitle)}`;
  ctx.font = `400 24px ${FONT}`;
  ctx.fillStyle = COLORS.header;
  ctx.fillText(fitLine(ctx, header, TEXT_WIDTH), MARGIN, MARGIN + 10);

  const credit = `Photo: ${clean(text.credit)}`;
  ctx.font = `400 24px ${FONT}`;
  ctx.fillStyle = COLORS.credit;
  ctx.fillText(fitLine(ctx, credit, TEXT_WIDTH), MARGIN, SLIDE_CARD_HEIGHT - MARGIN + 10);

  // Title and caption share the space between header and credit; long text steps down in size.
  const top = MARGIN + 90;
  const bottom = SLIDE_CARD_HEIGHT - MARGIN - 50;
  const title = capitalize(clean(text.title));
  const caption = clean(text.caption);
  for (const scale of [1, 0.85, 0.72, 0.6, 0.5]) {
    const titleSize = Math.round(64 * scale);
    const captionSize = Math.round(38 * scale);
    ctx.font = `700 ${titleSize}px ${FONT}`;
    const titleLines = wrap(ctx, title, TEXT_WIDTH).slice(0, 2);
    ctx.font = `400 ${captionSize}px ${FONT}`;
    const captionLines = wrap(ctx, caption, TEXT_WIDTH);
    const titleHeight = titleLines.length * titleSize * 1.15;
    const captionLineHeight = captionSize * 1.4;
    const room = bottom - top - titleHeight - 28;
    const fits = captionLines.length * captionLineHeight <= room;
    if (!fits && scale !== 0.5) continue;
    const shown = fits
      ? captionLines
      : ellipsize(ctx, captionLines, Math.max(1, Math.floor(room / captionLineHeight)), TEXT_WIDTH);
    let y = top + titleSize;
    ctx.font = `700 ${titleSize}px ${FONT}`;
    ctx.fillStyle = COLORS.title;
    for (const line of titleLines) {
      ctx.fillText(line, MARGIN, y);
      y += titleSize * 1.15;
    }
    y += 28 - titleSize * 0.15 + captionSize * 0.4;
    ctx.font = `400 ${captionSize}px ${FONT}`;
    ctx.fillStyle = COLORS.caption;
    for (const line of shown) {
      ctx.fillText(line, MARGIN, y);
      y += captionLineHeight;
    }
    break;
  }
  return canvas.encode("png");
}

/** Control characters and lone surrogates would draw as boxes or break the encoder. */
function clean(text: string): string {
  return text
    .replace(/[\p{Cc}\p{Cs}]/gu, " ")
    .replace(/\s+/g, " ")
    .trim();
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Greedy word wrap by measured width; a word wider than a line is broken by characters. */
function wrap(ctx: SKRSContext2D, text: string, width: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(" ").filter(Boolean)) {
    const candidate = line ? `${line} ${word}` : word;
    if (ctx.measureText(candidate).width <= width) {
      line = candidate;
      continue;
    }
    if (line) lines.push(line);
    line = "";
    for (const char of Array.from(word)) {
      if (ctx.measureText(line + char).width > width && line) {
        lines.push(line);
        line = "";
      }
      line += char;
    }
  }
  if (line) lines.push(line);
  return lines;
}

function ellipsize(ctx: SKRSContext2D, lines: string[], count: number, width: number): string[] {
  if (lines.length <= count) return lines;
  const kept = lines.slice(0, count);
  kept[count - 1] = fitLine(ctx, `${kept[count - 1]} …`, width);
  return kept;
}

/** One line, cut with an ellipsis where it would overflow. */
function fitLine(ctx: SKRSContext2D, text: string, width: number): string {
  if (ctx.measureText(text).width <= width) return text;
  const chars = Array.from(text);
  let low = 0;
  let high = chars.length;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (ctx.measureText(`${chars.slice(0, mid).join("")}…`).width <= width) low = mid;
    else high = mid - 1;
  }
  return `${chars.slice(0, low).join("").trimEnd()}…`;
}
