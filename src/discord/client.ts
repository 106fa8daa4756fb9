import {
  Client,
  GatewayIntentBits,
  Options,
  Routes,
  type ClientOptions,
  type RESTGetAPIGatewayBotResult,
} from "discord.js";
import type { BotConfig } from "../config/env.js";
import type { Logger } from "../logger.js";
import { reachDiscord } from "./reach.js";

/** The gateway client: the Guilds intent only, caches cut to what the bot reads, shards assigned. */
export async function createClient(config: BotConfig, logger: Logger, overrides?: Partial<ClientOptions>) {
  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
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
  await assignShards(client, config, logger);
  return client;
}

/**
 * Which shards this process runs. With SHARD_COUNT=auto alone, discord.js takes Discord's recommended
 * count from the GET /gateway/bot it makes anyway for the gateway's address. SHARD_IDS with "auto"
 * needs the count first: given only ids, discord.js would take the highest one named for the last shard.
 */
async function assignShards(client: Client, config: BotConfig, logger: Logger): Promise<void> {
  if (config.SHARD_COUNT === "auto" && !config.SHARD_IDS) {
    client.options.shards = "auto";
    return;
  }
  const count =
    config.SHARD_COUNT === "auto"
      ? ((await client.rest.get(Routes.gatewayBot())) as RESTGetAPIGatewayBotResult).shards
      : config.SHARD_COUNT;
  const ids = config.SHARD_IDS ?? Array.from({ length: count }, (_, i) => i);
  const outside = ids.filter((id) => id >= count);
  if (outside.length > 0)
    throw new RangeError(`SHARD_IDS names shards ${outside.join(", ")}, but there are only ${count}`);
  client.options.shardCount = count;
  client.options.shards = ids;
  logger.info({ shardCount: count, shards: ids }, "shards assigned");
}
