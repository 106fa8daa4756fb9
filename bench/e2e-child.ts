import type { ClientOptions } from "discord.js";

/**
 * What both clients of `npm run bench:e2e` share. Each runs in a process of its own, bundled separately,
 * so its memory and start-up are its own. Arguments: API URL, slide PNG, token, application id, card cache.
 */
export const [apiUrl, pngPath, token, applicationId, cardCacheDir] = process.argv.slice(2) as [string, string, string, string, string];

/** Identify at once: discord.js otherwise waits 5 s between identifies. */
export const fastIdentify = { ws: { buildIdentifyThrottler: () => ({ waitForIdentify: async () => {} }) } } as Partial<ClientOptions>;

/**
 * Tells the parent "ready" (ClientReady) and then "content-ready" (able to answer everything), and
 * reports memory on request, after a full GC so the figures are about what the client keeps.
 */
export async function reportToBench(ready: Promise<unknown>, contentReady: Promise<unknown>): Promise<void> {
  process.on("message", (message: { type: string }) => {
    if (message.type === "exit") process.exit(0);
    if (message.type !== "memory") return;
    globalThis.gc?.();
    if (process.env.BENCH_SPACES) void diag();
    const { rss, heapUsed, heapTotal, external, arrayBuffers } = process.memoryUsage();
    process.send?.({ type: "memory", rss, heapAfterGc: heapUsed, heapTotal, external, arrayBuffers });
  });
  await ready;
  process.send?.({ type: "ready" });
  await contentReady;
  process.send?.({ type: "content-ready" });
}

async function diag() {
  const v8 = await import("node:v8");
  const { readFileSync } = await import("node:fs");
  await new Promise((r) => setTimeout(r, Number(process.env.BENCH_DELAY ?? 0)));
  const h = v8.getHeapStatistics();
  const text = readFileSync("/proc/self/smaps", "utf8");
  const groups: Record<string, number> = {};
  let name = "";
  let size = 0;
  for (const line of text.split("\n")) {
    const m = /^[0-9a-f]+-[0-9a-f]+ \S+ \S+ \S+ \S+\s*(.*)$/.exec(line);
    if (m) { name = m[1] || "anon"; continue; }
    const sz = /^Size:\s+(\d+)/.exec(line); if (sz) size = Number(sz[1]);
    const r = /^Rss:\s+(\d+)/.exec(line);
    if (r) { const key = name === "anon" ? `anon ${size >= 65536 ? ">=64M" : size >= 1024 ? ">=1M" : "<1M"}` : name.startsWith("/") ? (name.split("/").pop() as string) : name; groups[key] = (groups[key] ?? 0) + Number(r[1]) / 1024; }
  }
  console.error(process.argv[1]?.split("/").pop(), "rss", Math.round(process.memoryUsage().rss / 1048576), "malloced", Math.round(h.malloced_memory / 1e5) / 10, "peak", Math.round(h.peak_malloced_memory / 1e5) / 10,
    JSON.stringify(Object.fromEntries(v8.getHeapSpaceStatistics().map((sp) => [sp.space_name.replace("_space", ""), Math.round(sp.space_size / 1e5) / 10]))),
    JSON.stringify(Object.fromEntries(Object.entries(groups).filter(([, v]) => v >= 0.5).map(([k, v]) => [k, Math.round(v)]))));
}
