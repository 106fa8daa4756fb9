import { afterEach, describe, expect, it } from "vitest";
import { serverPort } from "../../src/health.js";
import { alice, embedOf, guildOnShard, startBotUnderTest, type BotUnderTest } from "../fake-discord/harness.js";

const running: BotUnderTest[] = [];
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

  it("runs only the shards named in SHARD_IDS", async () => {
    const t = await start(
      { SHARD_COUNT: "2", SHARD_IDS: "1" },
      { shards: 2, guilds: [{ id: guildOnShard(1, 2), name: "Odd" }] },
    );
    expect(t.fake.identified).toEqual([[1, 2]]);
    expect(t.bot.readiness().shards.map((s) => s.id)).toEqual([1]);
  });
});
