import type { APIEmbed } from "discord-api-types/v10";
import type { ClientOptions } from "discord.js";
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

/** Identify at once: discord.js otherwise waits 5 s between identifies. */
export const fastIdentify: Partial<ClientOptions> = {
  ws: { buildIdentifyThrottler: () => ({ waitForIdentify: async () => {} }) },
} as Partial<ClientOptions>;

export interface BotUnderTest {
  fake: FakeDiscord;
  bot: Bot;
  /** Every log line the bot wrote, as written (after redaction). */
  logs: string[];
  close: () => Promise<void>;
}

/** The real bot, with its real discord.js client, connected to a fresh fake Discord. */
export async function startBotUnderTest(
  env: Record<string, string> = {},
  fakeOptions: Partial<FakeDiscordOptions> = {},
): Promise<BotUnderTest> {
  const fake = await FakeDiscord.start({
    token: TEST_TOKEN,
    applicationId: TEST_APPLICATION_ID,
    heartbeatIntervalMs: 1000,
    ...fakeOptions,
  });
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
  const bot = await startBot({
    config,
    logger,
    validated: await readArticlePack(config.CONTENT_DIR),
    client: fastIdentify,
  });
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
