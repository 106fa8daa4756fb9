import { fork, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { bundle, ENTRY_POINTS } from "../build.js";
import { loadArticlePack } from "../src/content/read-pack.js";
import { TEST_APPLICATION_ID, TEST_TOKEN } from "../test/fake-discord/harness.js";
import { FakeDiscord, type FakeUser } from "../test/fake-discord/server.js";

/**
 * `npm run bench:e2e`: the bot against bare discord.js, same machine, same run, same traffic through a
 * fake Discord each. 10,000 interactions per client (ask, history, photo with its image, autocomplete)
 * from many users, at most IN_FLIGHT at once, alternated in chunks because this machine is noisy.
 * Prints figures for both and bot/bare ratios against the targets. Not a test: it never fails on timing.
 * With --bare-twice the bare client runs in both places: the ratios two identical clients get here,
 * which is how far this machine's noise alone moves each figure.
 */
const TOTAL = Number(process.env.BENCH_INTERACTIONS ?? 10_000);
const CHUNKS = 10;
const IN_FLIGHT = 64;
const STARTS = 5;
type Kind = "bare" | "bot";
const BARE_TWICE = process.argv.includes("--bare-twice");

// Both clients run bundled, each on its own, as the bot runs in production (npm run build): a TypeScript
// loader, hundreds of module files or the other client's code would blur memory and start-up.
// The bot is its real entry point (`npm start`'s), with a preload that answers the memory requests.
await bundle({ "e2e-bare": "bench/e2e-bare.ts", "e2e-preload": "bench/e2e-preload.ts", ...ENTRY_POINTS }, "dist-bench");
const pack = await loadArticlePack("content/korea-summit");
const pngPath = path.join(tmpdir(), `summit-bench-slide-${process.pid}.png`);
const slide = pack.slides[4]?.picture;
writeFileSync(pngPath, slide && "data" in slide ? slide.data : Buffer.alloc(0));
// Both clients run under the allocator settings the image ships (its Dockerfile's GLIBC_TUNABLES).
const GLIBC_TUNABLES = /^ENV GLIBC_TUNABLES=(\S+)$/m.exec(readFileSync("Dockerfile", "utf8"))?.[1];
if (!GLIBC_TUNABLES) throw new Error("Dockerfile: no `ENV GLIBC_TUNABLES=...` line to run both clients under");
// A card cache of this run's own: the bot's first start draws the cards, the later ones reuse them.
const cardCacheDir = mkdtempSync(path.join(tmpdir(), "summit-bench-cards-"));

interface Running {
  kind: Kind;
  child: ChildProcess;
  fake: FakeDiscord;
}

function message<T>(child: ChildProcess, type: string, timeoutMs = 30_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no "${type}" from the client within ${timeoutMs} ms`)), timeoutMs);
    // "ready" comes as a bare string, as process managers expect it; the memory report as an object.
    const listener = (m: string | { type: string }) => {
      if ((typeof m === "string" ? m : m.type) !== type) return;
      clearTimeout(timer);
      child.off("message", listener);
      resolve(m as T);
    };
    child.on("message", listener);
  });
}

async function launch(kind: Kind): Promise<Running & { readyMs: number }> {
  // npm test checks the bot's bodies against Discord's spec and keeps every request; here both would be
  // the fake's work on the two cores the clients are measured on, heavier for the client that sends
  // richer replies.
  const fake = await FakeDiscord.start({
    token: TEST_TOKEN,
    applicationId: TEST_APPLICATION_ID,
    heartbeatIntervalMs: 30_000,
    checkSpec: false,
    keepHistory: false,
  });
  const started = performance.now();
  const child = kind === "bot" && !BARE_TWICE ? forkBot(fake) : forkBare(fake);
  await message(child, "ready");
  return { kind, child, fake, readyMs: performance.now() - started };
}

function forkBare(fake: FakeDiscord): ChildProcess {
  return fork(path.resolve("dist-bench/e2e-bare.js"), [fake.apiUrl, pngPath, TEST_TOKEN], {
    execArgv: ["--expose-gc"],
    env: { ...process.env, GLIBC_TUNABLES },
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
}

/**
 * The bot as `npm start` runs it, with its real JSON logging (to a sink: its cost is part of the bot's).
 * With an IPC channel it says "ready" once it answers everything (pm2's wait_ready).
 */
function forkBot(fake: FakeDiscord): ChildProcess {
  return fork(path.resolve("dist-bench/main.js"), ["start"], {
    execArgv: ["--expose-gc", "--import", path.resolve("dist-bench/e2e-preload.js")],
    env: {
      ...process.env,
      GLIBC_TUNABLES,
      DISCORD_TOKEN: TEST_TOKEN,
      DISCORD_APPLICATION_ID: TEST_APPLICATION_ID,
      DISCORD_API_URL: fake.apiUrl,
      CONTENT_DIR: "content/korea-summit",
      CARD_CACHE_DIR: cardCacheDir,
      NODE_ENV: "production",
      LOG_LEVEL: "info",
      COOLDOWNS: "*=0",
    },
    stdio: ["ignore", "ignore", "inherit", "ipc"],
  });
}

async function stop(running: Running): Promise<void> {
  running.child.kill("SIGKILL");
  await running.fake.close();
}

const memory = (r: Running) => {
  const reply = message<{
    rss: number;
    heapAfterGc: number;
    heapTotal: number;
    external: number;
    arrayBuffers: number;
    cpuMicros: number;
  }>(r.child, "memory");
  r.child.send({ type: "memory" });
  return reply;
};

const questions = [
  "who won the korean war tho",
  "did the north invaid the south",
  "38th paralel",
  "what did kim pledge",
  "japan owned korea?? since when",
  "How many people died in the Korean War?",
];
const years = ["1950", "1940s", "japanese rule", "1948-1953", ""];

/** The i-th interaction of the traffic: the same sequence for both clients. */
function traffic(i: number, fake: FakeDiscord): Promise<unknown> {
  const user: FakeUser = {
    id: String(210000000000000000n + BigInt(i)),
    username: `u${i}`,
    discriminator: "0",
    avatar: null,
    global_name: null,
  };
  switch (i % 5) {
    case 0:
    case 1:
      return fake.sendCommand({
        name: "ask",
        user,
        options: [{ name: "question", type: 3, value: questions[i % questions.length] }],
      });
    case 2: {
      // i is 2 more than a multiple of 5 here, so i % 5 would pick the same query every time.
      const query = years[Math.floor(i / 5) % years.length];
      return fake.sendCommand({
        name: "history",
        user,
        options: query ? [{ name: "query", type: 3, value: query }] : [],
      });
    }
    case 3:
      return fake.sendCommand({ name: "photo", user, options: [{ name: "number", type: 4, value: (i % 8) + 1 }] });
    default:
      return fake.sendAutocomplete({
        name: "history",
        user,
        options: [{ name: "query", type: 3, value: ["19", "kim", "", "war"][i % 4], focused: true }],
      });
  }
}

async function runChunk(r: Running, from: number, count: number): Promise<{ perSecond: number; latencies: number[] }> {
  const latencies: number[] = [];
  let next = from;
  const started = performance.now();
  const worker = async () => {
    while (next < from + count) {
      const i = next++;
      const sent = performance.now();
      await traffic(i, r.fake);
      latencies.push(performance.now() - sent);
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
  return { perSecond: (count / (performance.now() - started)) * 1000, latencies };
}

function answeredExactlyOnce(fake: FakeDiscord): number {
  return [...fake.callbackCounts.values()].filter((n) => n === 1).length;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const percentile = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] ?? NaN;
const mb = (bytes: number) => bytes / 1024 / 1024;

// 1. Start to ClientReady: process spawn to ready, alternating, median of STARTS. Before them, the bot's
// first start with an empty card cache, which draws the cards (the image ships them drawn).
const firstStart = await launch("bot");
await stop(firstStart);
// Each start also gives a reading of RSS at ready (a single reading is noisy on this machine).
const readyTimes: Record<Kind, number[]> = { bare: [], bot: [] };
const rssAtReady: Record<Kind, number[]> = { bare: [], bot: [] };
for (let i = 0; i < STARTS; i++) {
  // Which client starts first alternates, as the chunks do: in a fixed order, two copies of the same
  // client came out 0.81-0.99 for start-up.
  for (const kind of (i % 2 === 0 ? ["bare", "bot"] : ["bot", "bare"]) as Kind[]) {
    const r = await launch(kind);
    readyTimes[kind].push(r.readyMs);
    rssAtReady[kind].push((await memory(r)).rss);
    await stop(r);
  }
}

// 2. Load, alternating chunks between two running clients.
const clients = { bare: await launch("bare"), bot: await launch("bot") };
const memoryAtReady = { bare: await memory(clients.bare), bot: await memory(clients.bot) };
for (const kind of ["bare", "bot"] as const) rssAtReady[kind].push(memoryAtReady[kind].rss);
// Warm both up (JIT, connection pools) outside the measured traffic.
for (const kind of ["bare", "bot"] as const) await runChunk(clients[kind], TOTAL, 500);
const memoryAfterWarmUp = { bare: await memory(clients.bare), bot: await memory(clients.bot) };
const perChunk: Record<Kind, Array<{ perSecond: number; p50: number; p99: number }>> = { bare: [], bot: [] };
const allLatencies: Record<Kind, number[]> = { bare: [], bot: [] };
const chunkSize = TOTAL / CHUNKS;
for (let c = 0; c < CHUNKS; c++) {
  for (const kind of (c % 2 === 0 ? ["bare", "bot"] : ["bot", "bare"]) as Kind[]) {
    const { perSecond, latencies } = await runChunk(clients[kind], c * chunkSize, chunkSize);
    perChunk[kind].push({ perSecond, p50: percentile(latencies, 50), p99: percentile(latencies, 99) });
    allLatencies[kind].push(...latencies);
  }
}
const memoryAfterLoad = { bare: await memory(clients.bare), bot: await memory(clients.bot) };
const once = { bare: answeredExactlyOnce(clients.bare.fake), bot: answeredExactlyOnce(clients.bot.fake) };
await stop(clients.bare);
await stop(clients.bot);

// 3. Report.
const chunkRatio = (pick: (x: { perSecond: number; p50: number; p99: number }) => number) =>
  median(
    perChunk.bot.map((b, i) => pick(b) / pick(perChunk.bare[i] as { perSecond: number; p50: number; p99: number })),
  );
const cpuPerInteraction = (kind: Kind) => (memoryAfterLoad[kind].cpuMicros - memoryAfterWarmUp[kind].cpuMicros) / TOTAL;
const rows: Array<[string, number, number, string, string]> = [
  [
    "start to answering, ms (spawn to ready, median of 5)",
    median(readyTimes.bare),
    median(readyTimes.bot),
    (median(readyTimes.bot) / median(readyTimes.bare)).toFixed(2),
    "≤ 1.20",
  ],
  [
    "interactions answered per second (median chunk)",
    median(perChunk.bare.map((c) => c.perSecond)),
    median(perChunk.bot.map((c) => c.perSecond)),
    chunkRatio((c) => c.perSecond).toFixed(2),
    "≥ 0.90",
  ],
  // Each client is idle while the other's chunk runs, so this is its own cost of the measured traffic.
  [
    "CPU per interaction, µs (all threads, over the measured traffic)",
    cpuPerInteraction("bare"),
    cpuPerInteraction("bot"),
    (cpuPerInteraction("bot") / cpuPerInteraction("bare")).toFixed(2),
    "",
  ],
  [
    "first-callback latency p50, ms (all)",
    percentile(allLatencies.bare, 50),
    percentile(allLatencies.bot, 50),
    chunkRatio((c) => c.p50).toFixed(2),
    "",
  ],
  [
    "first-callback latency p99, ms (all)",
    percentile(allLatencies.bare, 99),
    percentile(allLatencies.bot, 99),
    chunkRatio((c) => c.p99).toFixed(2),
    "≤ 1.10",
  ],
  [
    `RSS at ready, before any traffic (after a full GC; median of ${STARTS + 1}), MB`,
    mb(median(rssAtReady.bare)),
    mb(median(rssAtReady.bot)),
    (median(rssAtReady.bot) / median(rssAtReady.bare)).toFixed(2),
    "≤ 1.15",
  ],
  [
    "RSS after the 500 warm-up (after a full GC), MB",
    mb(memoryAfterWarmUp.bare.rss),
    mb(memoryAfterWarmUp.bot.rss),
    (memoryAfterWarmUp.bot.rss / memoryAfterWarmUp.bare.rss).toFixed(2),
    "",
  ],
  [
    `RSS after ${TOTAL} (after a full GC), MB`,
    mb(memoryAfterLoad.bare.rss),
    mb(memoryAfterLoad.bot.rss),
    (memoryAfterLoad.bot.rss / memoryAfterLoad.bare.rss).toFixed(2),
    "≤ 1.15",
  ],
  ["heap after GC, at ready, MB", mb(memoryAtReady.bare.heapAfterGc), mb(memoryAtReady.bot.heapAfterGc), "", ""],
  [
    "heap after GC, after the warm-up, MB",
    mb(memoryAfterWarmUp.bare.heapAfterGc),
    mb(memoryAfterWarmUp.bot.heapAfterGc),
    "",
    "",
  ],
  [
    `heap after GC, after ${TOTAL}, MB`,
    mb(memoryAfterLoad.bare.heapAfterGc),
    mb(memoryAfterLoad.bot.heapAfterGc),
    "",
    "growth ≤ 5 MB",
  ],
  [`answered exactly once (of ${TOTAL} + 500 warm-up)`, once.bare, once.bot, "", `all`],
];
console.log(
  `bench:e2e${BARE_TWICE ? ' --bare-twice (the "bot" column is a second bare client)' : ""} — ${TOTAL} interactions per client in ${CHUNKS} alternating chunks, ${IN_FLIGHT} in flight, Node ${process.versions.node}, GLIBC_TUNABLES=${GLIBC_TUNABLES}`,
);
console.log(`${"measure".padEnd(66)} ${"bare".padStart(10)} ${"bot".padStart(10)} ${"bot/bare".padStart(9)}  target`);
for (const [name, bare, bot, ratio, target] of rows) {
  console.log(
    `${name.padEnd(66)} ${bare.toFixed(1).padStart(10)} ${bot.toFixed(1).padStart(10)} ${ratio.padStart(9)}  ${target}`,
  );
}
for (const kind of ["bare", "bot"] as const) {
  const [before, after] = [memoryAfterWarmUp[kind], memoryAfterLoad[kind]];
  const change = (pick: (m: typeof before) => number) =>
    `${mb(pick(before)).toFixed(1)} -> ${mb(pick(after)).toFixed(1)} MB`;
  console.log(
    `${kind}: V8 heap committed ${change((m) => m.heapTotal)}, external ${change((m) => m.external)}, array buffers ${change((m) => m.arrayBuffers)}`,
  );
}
console.log(
  `bot first start, empty card cache (cards drawn): answering ${firstStart.readyMs.toFixed(0)} ms after spawn`,
);
console.log(
  `bot heap growth over the run: ${(mb(memoryAfterLoad.bot.heapAfterGc) - mb(memoryAfterWarmUp.bot.heapAfterGc)).toFixed(1)} MB (bare: ${(mb(memoryAfterLoad.bare.heapAfterGc) - mb(memoryAfterWarmUp.bare.heapAfterGc)).toFixed(1)} MB)`,
);
rmSync(cardCacheDir, { recursive: true, force: true });
process.exit(0);
