import { performance } from "node:perf_hooks";
import { guildOnShard, launchBot, startFake } from "../test/fake-discord/harness.js";

/**
 * `npx tsx bench/shard-start.ts`: how long interactions wait while a 4-shard process starts with Discord's
 * identify pacing (one identify per 5 s, max_concurrency 1) and discord.js's own throttle. As each shard
 * turns READY at the fake, one /history is sent to a guild on it; the wait is from sending to the bot's
 * first response. The fake's 3 s deadline is lifted so that waits past it are measured, not refused.
 */
const SHARDS = 4;
const guilds = Array.from({ length: SHARDS }, (_, shard) => ({ id: guildOnShard(shard, SHARDS), name: `s${shard}` }));
const fake = await startFake({ shards: SHARDS, guilds, identifyIntervalMs: 5000, interactionDeadlineMs: 60_000 });
const { started } = await launchBot(fake, { SHARD_COUNT: "auto", LOG_LEVEL: "warn" }, {});
const waits = await Promise.all(
  guilds.map(async (guild, shard) => {
    await fake.waitForReady(shard + 1);
    const sent = performance.now();
    await fake.sendCommand({
      name: "history",
      options: [{ name: "query", type: 3, value: "1950" }],
      guildId: guild.id,
    });
    return performance.now() - sent;
  }),
);
for (const [shard, ms] of waits.entries())
  console.log(`shard ${shard}: answered after ${Math.round(ms)} ms${ms > 3000 ? " (past Discord's 3 s)" : ""}`);
await (await started).stop();
await fake.close();
