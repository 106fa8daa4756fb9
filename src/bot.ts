import type { Server } from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import {
  Client,
  Events,
  GatewayIntentBits,
  Options,
  Routes,
  type ClientOptions,
  type RESTGetAPIGatewayBotResult,
} from "discord.js";
import type { CommandContext } from "../commands/index.js";
import type { BotConfig } from "./config/env.js";
import { ContentError, renderArticlePack, type ValidatedPack } from "./content/pack.js";
import { Cooldowns } from "./discord/cooldowns.js";
import { createHttpTransport } from "./discord/http-transport.js";
import type { ReloadResult } from "./discord/dispatcher.js";
import { readiness, type Readiness } from "./discord/readiness.js";
import type { BotMetrics } from "./health.js";
import type { Logger } from "./logger.js";
import { validatePack } from "./config/validate-off-thread.js";

export interface Bot {
  client: Client;
  context: () => CommandContext;
  readiness: () => Readiness;
  health?: Server;
  /** Resolves at discord.js's ClientReady: every shard of this process has a gateway session. */
  ready: Promise<void>;
  /** Resolves once the pack's cards are drawn and the engine is built; interactions wait for it. */
  contentReady: Promise<void>;
  /** Re-reads the content pack (also on SIGHUP). */
  reload: () => Promise<ReloadResult>;
  /** Stops taking interactions, lets those in flight finish (bounded), and disconnects. */
  stop: () => Promise<void>;
}

export interface StartOptions {
  config: BotConfig;
  logger: Logger;
  /** discord.js options for tests (e.g. a fast identify throttle). */
  client?: Partial<ClientOptions>;
  /** The pack in CONTENT_DIR, validated (see start.ts); its cards are drawn as the bot connects. */
  validated: ValidatedPack;
}

/** How long shutdown waits for replies in flight: well inside the 5 s an orchestrator allows. */
const DRAIN_MS = 3000;

/** What answers interactions: the commands, the search engine and the dispatcher. */
async function loadAnswering() {
  const [{ commands }, { createDispatcher }, { commandDefinitions, commandsMatch }, { createSearchEngine }] =
    await Promise.all([
      import("../commands/index.js"),
      import("./discord/dispatcher.js"),
      import("./discord/registration.js"),
      import("./search/engine.js"),
    ]);
  return { commands, createDispatcher, commandDefinitions, commandsMatch, createSearchEngine };
}

/**
 * Connects with the Guilds intent only while the validated pack's slide cards are drawn, and answers
 * interactions through the dispatcher.
 */
export async function startBot({ config, logger, client: clientOptions, validated }: StartOptions): Promise<Bot> {
  const rendered = renderArticlePack(validated, { cardCacheDir: config.CARD_CACHE_DIR });
  let context: CommandContext | undefined;
  let gatewayIsReady: () => void = () => {};
  const gatewayReady = new Promise<void>((resolve) => (gatewayIsReady = resolve));
  // What answers interactions loads, and the engine is built, once the gateway is ready: no interaction
  // can arrive before, so connecting need not wait for them.
  const contentLoaded = Promise.all([rendered, gatewayReady.then(loadAnswering)]).then(([pack, answering]) => {
    context = { engine: answering.createSearchEngine(pack), commands: answering.commands };
    logger.info(
      { pack: pack.dir, version: pack.version, paragraphs: pack.paragraphs.length, slides: pack.slides.length },
      "content pack loaded",
    );
    const dispatch = answering.createDispatcher({
      context: () => context as CommandContext,
      logger,
      reload,
      cooldowns: new Cooldowns(),
      cooldownOverrides: config.COOLDOWNS,
      onHandled: (event) => metrics?.recordInteraction(event),
    });
    return { context, answering, dispatch };
  });

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
    rest: { makeRequest: createHttpTransport(), ...(config.DISCORD_API_URL ? { api: config.DISCORD_API_URL } : {}) },
    ...clientOptions,
  });
  client.rest.setToken(config.DISCORD_TOKEN);
  await assignShards(client, config, logger);

  let metrics: BotMetrics | undefined;
  /** Re-reads the pack; a broken one leaves the current pack serving. */
  const reload = async (): Promise<ReloadResult> => {
    try {
      const next = await renderArticlePack(await validatePack(config.CONTENT_DIR), {
        cardCacheDir: config.CARD_CACHE_DIR,
      });
      const { commands, commandDefinitions, createSearchEngine } = (await contentLoaded).answering;
      const current = context as CommandContext;
      const before = JSON.stringify(commandDefinitions(commands, current.engine.pack));
      context = { engine: createSearchEngine(next), commands };
      const redeploy = before !== JSON.stringify(commandDefinitions(commands, next));
      logger.info(
        { version: next.version, paragraphs: next.paragraphs.length, slides: next.slides.length },
        "content pack reloaded",
      );
      if (redeploy)
        logger.warn("the reloaded pack changes the slash commands' definitions: run `npm run deploy-commands`");
      return {
        ok: true,
        version: next.version,
        paragraphs: next.paragraphs.length,
        slides: next.slides.length,
        redeploy,
      };
    } catch (error) {
      if (!(error instanceof ContentError)) throw error;
      logger.warn(
        { problems: error.problems },
        "reload refused: the pack on disk is invalid; still serving the current one",
      );
      return { ok: false, problems: error.problems };
    }
  };
  const inFlight = new Set<Promise<void>>();
  let stopping = false;
  client.on(Events.InteractionCreate, (interaction) => {
    if (stopping) return;
    // Interactions only come after READY, but the cards may still be drawing: wait for them.
    const handling = contentLoaded
      .then(({ dispatch }) => dispatch(interaction))
      .finally(() => inFlight.delete(handling));
    inFlight.add(handling);
  });
  client.on(Events.Error, (error) => logger.error({ err: error }, "discord client error"));
  client.on(Events.ShardReady, (shard) => logger.info({ shard }, "shard ready"));
  client.on(Events.ShardDisconnect, (event, shard) => logger.warn({ shard, code: event.code }, "gateway disconnected"));

  client.once(Events.ClientReady, (c) => {
    logger.info({ user: c.user.tag, guilds: c.guilds.cache.size, shards: client.options.shards }, "ready");
    gatewayIsReady();
  });
  void contentLoaded.then(({ context: loaded, answering }) =>
    warnIfCommandsChanged(client, config, loaded, answering, logger),
  );
  const state = () => readiness(client, context !== undefined, stopping);
  let health: Server | undefined;
  if (config.HEALTH_PORT !== undefined) {
    // Metrics have no reader without the health server, so prom-client loads only with it.
    const { createMetrics, startHealthServer } = await import("./health.js");
    metrics = createMetrics(client, () => context?.engine.pack.version ?? validated.pack.version);
    health = await startHealthServer(config.HEALTH_PORT, metrics, state);
  }
  // The cards may still be drawing when the gateway is ready: /readyz says so, and interactions wait.
  await client.login(config.DISCORD_TOKEN);
  return {
    client,
    context: () => context as CommandContext,
    readiness: state,
    ...(health ? { health } : {}),
    ready: gatewayReady,
    contentReady: contentLoaded.then(() => undefined),
    reload,
    stop: async () => {
      stopping = true;
      await Promise.race([Promise.allSettled(inFlight), sleep(DRAIN_MS)]);
      await client.destroy();
      health?.closeAllConnections();
      await new Promise((resolve) => (health ? health.close(resolve) : resolve(undefined)));
    },
  };
}

/**
 * Which shards this process runs. With SHARD_COUNT=auto alone, discord.js takes Discord's recommended
 * count from the GET /gateway/bot it makes anyway for the gateway's address (through the bot's REST
 * client). SHARD_IDS with "auto" needs the count first: given only ids, discord.js would take the
 * highest one named for the last shard.
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

async function warnIfCommandsChanged(
  client: Client,
  config: BotConfig,
  context: CommandContext,
  { commandsMatch, commandDefinitions }: Awaited<ReturnType<typeof loadAnswering>>,
  logger: Logger,
): Promise<void> {
  try {
    const target = { applicationId: config.DISCORD_APPLICATION_ID, guildId: config.DISCORD_GUILD_ID };
    if (!(await commandsMatch(client.rest, target, commandDefinitions(context.commands, context.engine.pack)))) {
      logger.warn("the registered slash commands differ from this version's: run `npm run deploy-commands`");
    }
  } catch (error) {
    logger.warn({ err: error }, "could not compare the registered slash commands");
  }
}
