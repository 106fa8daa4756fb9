import { fork } from "node:child_process";
import { createHash, randomUUID } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { SlideCardText } from "./slide-card.js";

/** Bounds a renderer that hangs; a pack has at most 25 cards, each drawn in milliseconds. */
const RENDER_TIMEOUT_MS = 30_000;

const here = fileURLToPath(import.meta.url);
const extension = path.extname(here);
// Run from TypeScript sources (development, tests) the renderer is two files; bundled, it is one.
const rendererFiles = [`slide-card-process${extension}`, `slide-card${extension}`]
  .map((file) => path.join(path.dirname(here), file))
  .filter((file) => existsSync(file));

/**
 * Slide cards, drawn or from the card cache. A card's PNG depends only on its text and on the renderer
 * (its code, the canvas library, the font), so a card is drawn once and kept under a hash of all of
 * them: a restart, or an image whose cards were drawn when it was built, starts without drawing. The
 * cache is best effort: without `cacheDir`, or where it cannot be read or written, cards are drawn.
 */
export async function renderSlideCards(cards: readonly SlideCardText[], cacheDir?: string): Promise<Buffer[]> {
  const files = cacheDir ? cards.map((card) => path.join(cacheDir, `${cardKey(card)}.png`)) : [];
  const cached = await Promise.all(cards.map((_, i) => (files[i] ? readCachedCard(files[i]) : undefined)));
  const missing = cards.flatMap((_, i) => (cached[i] ? [] : [i]));
  const saving: Array<Promise<void>> = [];
  const drawn = await drawSlideCards(
    missing.map((i) => cards[i] as SlideCardText),
    (at, png) => {
      const file = files[missing[at] as number];
      if (file && cacheDir) saving.push(saveCard(cacheDir, file, png));
    },
  );
  await Promise.all(saving);
  let next = 0;
  return cached.map((png) => png ?? (drawn[next++] as Buffer));
}

let rendererId: string | undefined;

function cardKey(card: SlideCardText): string {
  rendererId ??= identifyRenderer();
  return createHash("sha256").update(rendererId).update(JSON.stringify(card)).digest("hex").slice(0, 32);
}

/** What the drawing depends on besides the text: the renderer's code and its packages' versions. */
function identifyRenderer(): string {
  const require = createRequire(import.meta.url);
  const hash = createHash("sha256");
  for (const file of rendererFiles) hash.update(readFileSync(file));
  for (const pkg of ["@napi-rs/canvas", "@expo-google-fonts/inter"])
    hash.update(`${pkg}@${(require(`${pkg}/package.json`) as { version: string }).version}`);
  return hash.digest("hex");
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

async function readCachedCard(file: string): Promise<Buffer | undefined> {
  const png = await readFile(file).catch(() => undefined);
  // A truncated or foreign file is drawn again, not sent.
  return png && png.length > PNG_SIGNATURE.length && png.subarray(0, PNG_SIGNATURE.length).equals(PNG_SIGNATURE)
    ? png
    : undefined;
}

/** Writes a card to a temporary name and renames it, so a reader never sees half a PNG. */
async function saveCard(cacheDir: string, file: string, png: Buffer): Promise<void> {
  try {
    await mkdir(cacheDir, { recursive: true });
    const partial = `${file}.${randomUUID()}.partial`;
    await writeFile(partial, png);
    await rename(partial, file);
  } catch {
    // A read-only or full disk costs only the drawing next time.
  }
}

/**
 * Draws slide cards in a short-lived child process. The native graphics library and its working memory
 * then never enter the long-running bot, which keeps only the PNG bytes; and the bot can
 * connect to Discord while the cards are drawn.
 */
function drawSlideCards(
  cards: readonly SlideCardText[],
  onCard: (index: number, png: Buffer) => void,
): Promise<Buffer[]> {
  if (cards.length === 0) return Promise.resolve([]);
  const child = fork(rendererFiles[0] as string, [], {
    serialization: "advanced",
    execArgv: extension === ".ts" ? ["--import", "tsx"] : [],
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const pngs: Buffer[] = [];
  let received = 0;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => child.kill("SIGKILL"), RENDER_TIMEOUT_MS);
    child.on("message", ({ index, png }: { index: number; png: Uint8Array }) => {
      const bytes = Buffer.from(png.buffer, png.byteOffset, png.byteLength);
      pngs[index] = bytes;
      onCard(index, bytes);
      if (++received === cards.length) resolve(pngs);
    });
    child.once("error", reject);
    child.once("exit", (code, signal) => {
      clearTimeout(timer);
      if (received < cards.length)
        reject(
          new Error(
            `the slide card renderer stopped (${signal ?? `exit code ${code}`}) after ${received} of ${cards.length} cards`,
          ),
        );
    });
    child.send(cards);
  });
}
