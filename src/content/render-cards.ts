import { fork } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { SlideCardText } from "./slide-card.js";

/** Bounds a renderer that hangs; drawing eight cards takes well under a second. */
const RENDER_TIMEOUT_MS = 30_000;

/**
 * Draws slide cards in a short-lived child process. The native graphics library and its working memory
 * (about 50 MB) then never enter the long-running bot, which keeps only the PNG bytes; and the bot can
 * connect to Discord while the cards are drawn.
 */
export function renderSlideCards(cards: readonly SlideCardText[]): Promise<Buffer[]> {
  if (cards.length === 0) return Promise.resolve([]);
  const here = fileURLToPath(import.meta.url);
  const extension = path.extname(here);
  // Run from TypeScript sources (development, tests), the child needs the same loader.
  const child = fork(path.join(path.dirname(here), `slide-card-process${extension}`), [], {
    serialization: "advanced",
    execArgv: extension === ".ts" ? ["--import", "tsx"] : [],
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => child.kill("SIGKILL"), RENDER_TIMEOUT_MS);
    child.once("message", (pngs: Uint8Array[]) => resolve(pngs.map((png) => Buffer.from(png.buffer, png.byteOffset, png.byteLength))));
    child.once("error", reject);
    child.once("exit", (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`the slide card renderer stopped (${signal ?? `exit code ${code}`}) before drawing the cards`));
    });
    child.send(cards);
  });
}
