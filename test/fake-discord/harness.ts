import type { APIEmbed } from "discord-api-types/v10";
import { setTimeout as sleep } from "node:timers/promises";
import type { ClientOptions, WebSocketOptions } from "discord.js";
import { startBot, type Bot } from "../../src/bot/index.js";
import { botEnvSchema, readConfig } from "../../src/config/env.js";
import { readArticlePack } from "../../src/content/read-pack.js";
import { createLogger } from "../../src/logger.js";
import { FakeDiscord, type FakeDiscordOptions, type FakeUser, type InteractionResponse } from "./server.js";

export const TEST_TOKEN = "MTIzNDU2Nzg5MDEyMzQ1Njc4.fake-gateway.token-for-tests_only";
export const TEST_APPLICATION_ID = "100000000000000001";

export const alice: FakeUser = {
  id: "200000000000000001",
  username: "alice",
  discriminator: "0",
  avatar: null,
  global_name: "Alice",
};
export const bob: FakeUser = {
  id: "200000000000000002",
  username: "bob",
  discriminator: "0",
  avatar: null,
  global_name: "Bob",
};

/** How far apart tests let shards identify: Discord's pacing, shortened (the fake enforces it). */
const TEST_IDENTIFY_INTERVAL_MS = 100;

/**
 * discord.js's identify throttle (one identify per bucket of `max_concurrency`, as /gateway/bot says) at
 * the fake's interval instead of Discord's 5 s, with a margin for the frames' travel.
 */
export function pacedIdentify(intervalMs: number): Partial<ClientOptions> {
  const buildIdentifyThrottler: WebSocketOptions["buildIdentifyThrottler"] = async (manager) => {
    const concurrency = (await manager.fetchGatewayInformation()).session_start_limit.max_concurrency;
    const next = new Map<number, Promise<void>>();
    return {
      waitForIdentify: (shardId: number) => {
        const bucket = shardId % concurrency;
        const turn = next.get(bucket) ?? Promise.resolve();
        next.set(
          bucket,
          turn.then(() => sleep(intervalMs + 20)),
        );
        return turn;
      },
    };
  };
  return { ws: { buildIdentifyThrottler } };
}

export interface BotUnderTest {
  fake: FakeDiscord;
  bot: Bot;
  /** Every log line the bot wrote, as written (after redaction). */
  logs: string[];
  close: () => Promise<void>;
}

/** A fresh fake Discord, pacing identifies at the tests' interval unless told otherwise. */
export function startFake(options: Partial<FakeDiscordOptions> = {}): Promise<FakeDiscord> {
  return FakeDiscord.start({
    token: TEST_TOKEN,
    applicationId: TEST_APPLICATION_ID,
    heartbeatIntervalMs: 1000,
    identifyIntervalMs: TEST_IDENTIFY_INTERVAL_MS,
    ...options,
  });
}

/**
 * Starts the real bot against `fake` (its identify throttle matching the fake's pacing); `started`
 * resolves when startBot does, once every shard has identified.
 */
export async function launchBot(
  fake: FakeDiscord,
  env: Record<string, string> = {},
  client: Partial<ClientOptions> = pacedIdentify(fake.identifyIntervalMs),
): Promise<{ started: Promise<Bot>; logs: string[] }> {
  const logs: string[] = [];
  const config = readConfig(botEnvSchema, {
    DISCORD_TOKEN: TEST_TOKEN,
    DISCORD_APPLICATION_ID: TEST_APPLICATION_ID,
    DISCORD_API_URL: fake.apiUrl,
    CONTENT_DIR: "content/korea-summit",
    LOG_LEVEL: "debug",
    // Tests fire many commands as one user; the cooldown tests set their own.
    COOLDOWNS: "*=0",
    ...env,
  });
  const logger = createLogger({
    level: config.LOG_LEVEL,
    pretty: false,
    secrets: [TEST_TOKEN],
    destination: { write: (line: string) => void logs.push(line) },
  });
  const validated = await readArticlePack(config.CONTENT_DIR);
  return { started: startBot({ config, logger, validated, client }), logs };
}

/** The real bot, with its real discord.js client, connected to a fresh fake Discord. */
export async function startBotUnderTest(
  env: Record<string, string> = {},
  fakeOptions: Partial<FakeDiscordOptions> = {},
): Promise<BotUnderTest> {
  const fake = await startFake(fakeOptions);
  const { started, logs } = await launchBot(fake, env);
  const bot = await started;
  await Promise.all([bot.ready, bot.contentReady]);
  const shards = bot.client.options.shards;
  await fake.waitForReady(Array.isArray(shards) ? shards.length : 1);
  return {
    fake,
    bot,
    logs,
    close: async () => {
      await bot.stop();
      await fake.close();
    },
  };
}

/** The embed a user sees in a response. */
export function embedOf(response: InteractionResponse): APIEmbed {
  const embed = (response.data.embeds as APIEmbed[] | undefined)?.[0];
  if (!embed) throw new Error(`no embed in ${JSON.stringify(response.data).slice(0, 200)}`);
  return embed;
}

/** A guild id (snowflake) that Discord routes to `shard` of `count`. */
export function guildOnShard(shard: number, count: number): string {
  let id = 1_000_000_000_000_000_000n;
  while (Number((id >> 22n) % BigInt(count)) !== shard) id += 1n << 22n;
  return id.toString();
}

/** Waits (bounded) until `check` returns something truthy; for replies that arrive as later edits. */
export async function eventually<T>(check: () => T | undefined | false, what: string, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
