import type { ClientOptions } from "discord.js";

/**
 * What both clients of `npm run bench:e2e` share. Each runs in a process of its own, bundled separately,
 * so its memory and start-up are its own. Arguments: API URL, slide PNG, token, application id, card cache.
 */
export const [apiUrl, pngPath, token, applicationId, cardCacheDir] = process.argv.slice(2) as [
  string,
  string,
  string,
  string,
  string,
];

/** Identify at once: discord.js otherwise waits 5 s between identifies. */
export const fastIdentify = {
  ws: { buildIdentifyThrottler: () => ({ waitForIdentify: async () => {} }) },
} as Partial<ClientOptions>;

/**
 * Tells the parent "ready" (ClientReady) and then "content-ready" (able to answer everything), and
 * reports memory on request, after a full GC so the figures are about what the client keeps, with the
 * CPU time the process has used (all its threads: GC and I/O helpers too).
 */
export async function reportToBench(ready: Promise<unknown>, contentReady: Promise<unknown>): Promise<void> {
  process.on("message", (message: { type: string }) => {
    if (message.type === "exit") process.exit(0);
    if (message.type !== "memory") return;
    globalThis.gc?.();
    const { rss, heapUsed, heapTotal, external, arrayBuffers } = process.memoryUsage();
    const { user, system } = process.cpuUsage();
    process.send?.({
      type: "memory",
      rss,
      heapAfterGc: heapUsed,
      heapTotal,
      external,
      arrayBuffers,
      cpuMicros: user + system,
    });
  });
  await ready;
  process.send?.({ type: "ready" });
  await contentReady;
  process.send?.({ type: "content-ready" });
}
