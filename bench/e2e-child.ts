/**
 * What both clients of `npm run bench:e2e` share: each runs in a process of its own, bundled separately,
 * so its memory and start-up are its own.
 */

/**
 * Reports memory on request, after a full GC so the figures are about what the client keeps, with the
 * CPU time the process has used (all its threads: GC and I/O helpers too). Preloaded into the bot's own
 * entry point (e2e-preload.ts), called by the bare client.
 */
export function answerMemoryRequests(): void {
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
}
