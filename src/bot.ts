import { Client, Events, GatewayIntentBits, Options, type ClientOptions } from "discord.js";
import { commands } from "../commands/index.js";
import type { CommandContext } from "../commands/index.js";
import type { BotConfig } from "./config.js";
import { loadArticlePack } from "./content/pack.js";
import { createDispatcher } from "./discord/dispatcher.js";
import { commandDefinitions, commandsMatch } from "./discord/registration.js";
import type { Logger } from "./logger.js";
import { createSearchEngine } from "./search/engine.js";

export interface Bot {
  client: Client;
  context: () => CommandContext;
  /** Resolves once the gateway session is ready. */
  ready: Promise<void>;
  stop: () => Promise<void>;
}

export interface StartOptions {
  config: BotConfig;
  logger: Logger;
  /** discord.js options for tests (e.g. a fast identify throttle). */
  client?: Partial<ClientOptions>;
}

/**
 * Loads the pack (a bad pack stops here, before any connection), connects with the Guilds intent only,
 * and answers interactions through the dispatcher.
 */
export async function startBot({ config, logger, client: clientOptions }: StartOptions): Promise<Bot> {
  const pack = await loadArticlePack(config.CONTENT_DIR);
  const context: CommandContext = { engine: createSearchEngine(pack), commands };
  logger.info({ pack: pack.dir, version: pack.version, paragraphs: pack.paragraphs.length, slides: pack.slides.length }, "content pack loaded");

  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
    // The bot reads nothing back from Discord: keep caches to what the gateway needs.
    makeCache: Options.cacheWithLimits({ ...Options.DefaultMakeCacheSettings, MessageManager: 0, ReactionManager: 0, GuildMemberManager: 0, UserManager: 0, PresenceManager: 0 }),
    ...(config.DISCORD_API_URL ? { rest: { api: config.DISCORD_API_URL } } : {}),
    ...clientOptions,
  });
  const dispatch = createDispatcher({ context: () => context, logger });
  client.on(Events.InteractionCreate, (interaction) => void dispatch(interaction));
  client.on(Events.Error, (error) => logger.error({ err: error }, "discord client error"));
  client.on(Events.ShardDisconnect, (event, shard) => logger.warn({ shard, code: event.code }, "gateway disconnected"));

  const ready = new Promise<void>((resolve) => {
    client.once(Events.ClientReady, (c) => {
      logger.info({ user: c.user.tag, guilds: c.guilds.cache.size }, "ready");
      void warnIfCommandsChanged(client, config, context, logger);
      resolve();
    });
  });
  await client.login(config.DISCORD_TOKEN);
  return {
    client,
    context: () => context,
    ready,
    stop: async () => {
      await client.destroy();
    },
  };
}

async function warnIfCommandsChanged(client: Client, config: BotConfig, context: CommandContext, logger: Logger): Promise<void> {
  try {
    const target = { applicationId: config.DISCORD_APPLICATION_ID, guildId: config.DISCORD_GUILD_ID };
    if (!(await commandsMatch(client.rest, target, commandDefinitions(context.commands, context.engine.pack)))) {
      logger.warn("the registered slash commands differ from this version's: run `npm run deploy-commands`");
    }
  } catch (error) {
    logger.warn({ err: error }, "could not compare the registered slash commands");
  }
}
