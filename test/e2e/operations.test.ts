import { afterEach, describe, expect, it } from "vitest";
import { PACK_LIMITS } from "../../src/content/schema.js";
import { serverPort } from "../../src/health.js";
import { packCopy } from "../support/packs.js";
import {
  alice,
  embedOf,
  guildOnShard,
  launchBot,
  startBotUnderTest,
  startFake,
  type BotUnderTest,
} from "../fake-discord/harness.js";

const running: Array<{ close: () => Promise<void> }> = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((t) => t.close()));
});

async function start(...args: Parameters<typeof startBotUnderTest>): Promise<BotUnderTest> {
  const t = await startBotUnderTest(...args);
  running.push(t);
  return t;
}

const history1950 = { name: "history", options: [{ name: "query", type: 3, value: "1950" }], user: alice };

describe("health, readiness and metrics", () => {
  it("answers /healthz within the health check's timeout while the largest pack check-content accepts loads", async () => {
    const { dir, cleanup } = await packCopy(({ article, slides, search }) => {
      const words = Array.from({ length: 400 }, (_, i) => `word${i.toString(36)}`);
      article.paragraphs = Array.from({ length: PACK_LIMITS.paragraphs }, (_, i) => ({
        id: `p${i + 1}`,
        topic: `Topic ${i}`,
        text: Array.from({ length: 300 }, (_, j) => words[(i * 7 + j) % words.length])
          .join(" ")
          .slice(0, 2000),
      }));
      slides.slides = Array.from({ length: PACK_LIMITS.slides }, (_, i) => ({
        id: `s${i + 1}`,
        number: i + 1,
        title: `Slide ${i + 1}`,
        caption: words.slice(i, i + 20).join(" "),
        credit: "A credit",
      }));
      // Every entry starts with the same word: the worst case for the synonym index.
      search.synonyms = Array.from({ length: PACK_LIMITS.synonymEntries / 10 }, (_, i) =>
        Array.from({ length: 10 }, (_, j) => `${words[0]} w${i}x${j}`),
      );
    });
    try {
      const t = await start({ HEALTH_PORT: "0", CONTENT_DIR: dir });
      const base = `http://127.0.0.1:${serverPort(t.bot.health!)}`;
      let reloaded = false;
      const reloading = t.bot.reload().finally(() => (reloaded = true));
      while (!reloaded) {
        // Docker's HEALTHCHECK in the image gives /healthz 3 s.
        expect((await fetch(`${base}/healthz`, { signal: AbortSignal.timeout(3000) })).status).toBe(200);
      }
      expect(await reloading).toMatchObject({
        ok: true,
        paragraphs: PACK_LIMITS.paragraphs,
        slides: PACK_LIMITS.slides,
      });
    } finally {
      await cleanup();
    }
  });

  it("reports alive, ready per shard, and counts interactions in Prometheus format", async () => {
    const t = await start({ HEALTH_PORT: "0" });
    // Outside the image (which sets HEALTH_HOST=0.0.0.0), the health server listens on loopback only.
    expect(t.bot.health?.address()).toMatchObject({ address: "127.0.0.1" });
    const base = `http://127.0.0.1:${serverPort(t.bot.health!)}`;
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ ready: true, shards: [{ id: 0, status: "Ready" }] });
    await t.fake.sendCommand(history1950);
    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(metrics).toContain('summit_interactions_total{kind="command",command="history",outcome="answered"} 1');
    expect(metrics).toContain('summit_content_pack_info{version="2018.04.27-1"} 1');
    expect(metrics).toContain('summit_shard_ready{shard="0"} 1');
    expect(metrics).toMatch(/summit_handler_latency_seconds_count\{kind="command"\} 1/);
  });

  it("is not ready once it is stopping, and says why", async () => {
    const t = await start({ HEALTH_PORT: "0" });
    const base = `http://127.0.0.1:${serverPort(t.bot.health!)}`;
    t.fake.closeGateway(4000);
    const stopping = t.bot.stop();
    expect(t.bot.readiness()).toMatchObject({ ready: false, reason: "shutting down" });
    await stopping;
    await expect(fetch(`${base}/readyz`)).rejects.toThrow();
  });
});

describe("sharding", () => {
  it("asks Discord for the shard count through its own REST client and answers on every shard", async () => {
    const guilds = [
      { id: guildOnShard(0, 2), name: "Even" },
      { id: guildOnShard(1, 2), name: "Odd" },
    ];
    const t = await start({ SHARD_COUNT: "auto" }, { shards: 2, guilds });
    expect(t.fake.identified.sort()).toEqual([
      [0, 2],
      [1, 2],
    ]);
    for (const guild of guilds) {
      const res = await t.fake.sendCommand({ ...history1950, guildId: guild.id });
      expect(embedOf(res).description).toContain("war broke out in **1950**");
    }
    expect(t.fake.requests.some((r) => r.path === "/gateway/bot")).toBe(true);
  });

  it("answers a shard's interactions while later shards are still identifying, paced as Discord paces them", async () => {
    const guilds = [0, 1].map((shard) => ({ id: guildOnShard(shard, 2), name: `On shard ${shard}` }));
    // Discord's 5 s between identifies (max_concurrency 1), and discord.js's own throttle.
    const fake = await startFake({ shards: 2, guilds, identifyIntervalMs: 5000 });
    const { started } = await launchBot(fake, { SHARD_COUNT: "auto" }, {});
    const bot = started.then((b) => (running.push({ close: () => b.stop().then(() => fake.close()) }), b));
    await fake.waitForReady(1);
    const first = await fake.sendCommand({ ...history1950, guildId: guilds[0]!.id });
    expect(embedOf(first).description).toContain("war broke out in **1950**");
    expect(fake.identified).toEqual([[0, 2]]);
    await (
      await bot
    ).ready;
    const second = await fake.sendCommand({ ...history1950, guildId: guilds[1]!.id });
    expect(embedOf(second).description).toContain("war broke out in **1950**");
    // discord.js replays what it held at ClientReady: the first interaction is still answered once.
    expect(fake.callbackAttempts(first.interactionId)).toBe(1);
    expect(fake.identifiedTooSoon).toEqual([]);
  }, 20_000);

  it("runs only the shards named in SHARD_IDS", async () => {
    const t = await start(
      { SHARD_COUNT: "2", SHARD_IDS: "1" },
      { shards: 2, guilds: [{ id: guildOnShard(1, 2), name: "Odd" }] },
    );
    expect(t.fake.identified).toEqual([[1, 2]]);
    expect(t.bot.readiness().shards.map((s) => s.id)).toEqual([1]);
  });
});
