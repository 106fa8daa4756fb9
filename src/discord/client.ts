import {
  Client,
  GatewayIntentBits,
  Options,
  Partials,
  Routes,
  type ClientOptions,
  type RESTGetAPIGatewayBotResult,
} from "discord.js";
import type { BotConfig } from "../config/env.js";
import type { Logger } from "../logger.js";
import { reachDiscord } from "./reach.js";

/**
 * The gateway client: the Guilds intent, and with ASK_IN_CHAT the two message intents (never Message
 * Content: Discord still shows the bot DMs, mentions of it and replies to it); caches cut to what the bot
 * reads, shards assigned.
 */
export async function createClient(config: BotConfig, logger: Logger, overrides?: Partial<ClientOptions>) {
  const chat = config.ASK_IN_CHAT;
  const client = new Client({
    intents: [
      GatewayIntentBits.Guilds,
      ...(chat ? [GatewayIntentBits.GuildMessages, GatewayIntentBits.DirectMessages] : []),
    ],
    // DM channels are never cached: without the partial, discord.js drops their messages.
    partials: chat ? [Partials.Channel] : [],
    // The bot reads nothing back from Discord: keep caches to what the gateway needs.
    makeCache: Options.cacheWithLimits({
      ...Options.DefaultMakeCacheSettings,
      MessageManager: 0,
      ReactionManager: 0,
      PresenceManager: 0,
      UserManager: { maxSize: 0, keepOverLimit: (user) => user.id === user.client.user.id },
      // The bot's own member is kept: /gallery checks its permissions in the target channel.
      GuildMemberManager: { maxSize: 0, keepOverLimit: (member) => member.id === member.client.user.id },
    }),
    // Replies are rendered in Discord's wire format (typed by discord-api-types), so discord.js's default
    // camelCase-to-snake_case pass, a deep copy of every embed and component, has nothing to do.
    jsonTransformer: (data) => data,
    ...(config.DISCORD_API_URL ? { rest: { api: config.DISCORD_API_URL } } : {}),
    ...overrides,
  });
  client.rest.setToken(config.DISCORD_TOKEN);
  await reachDiscord(client.rest);
  assignShards(client, config, logger);
  return client;
}

/**
 * Which shards this process runs. With SHARD_COUNT=auto (the default), discord.js takes Discord's
 * recommended count from the GET /gateway/bot it makes anyway for the gateway's address, and runs them all;
 * SHARD_IDS comes with an explicit count (the configuration refuses it with "auto").
 */
function assignShards(client: Client, config: BotConfig, logger: Logger): void {
  if (config.SHARD_COUNT === "auto") {
    client.options.shards = "auto";
    return;
  }
  const ids = config.SHARD_IDS ?? Array.from({ length: config.SHARD_COUNT }, (_, i) => i);
  client.options.shardCount = config.SHARD_COUNT;
  client.options.shards = ids;
  logger.info({ shardCount: config.SHARD_COUNT, shards: ids }, "shards assigned");
}

/** What to set when Discord closes with 4011: this process has fewer shards than its guilds need. */
export async function shardingRequiredMessage(client: Client, config: BotConfig): Promise<string> {
  // A failed login destroys the client, which takes the token off its REST client.
  const recommended = await client.rest
    .setToken(config.DISCORD_TOKEN)
    .get(Routes.gatewayBot())
    .then((info) => `, or at least ${(info as RESTGetAPIGatewayBotResult).shards} (Discord's recommendation)`)
    .catch(() => "");
  return `Discord requires more shards than SHARD_COUNT=${config.SHARD_COUNT} (gateway close 4011): set SHARD_COUNT=auto${recommended} in every process.`;
}
