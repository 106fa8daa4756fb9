import type { Server } from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import { Events, type Client, type ClientOptions, type Interaction, type Message } from "discord.js";
import type { CommandContext } from "../../commands/index.js";
import type { BotConfig } from "../config/env.js";
import type { ValidatedPack } from "../content/pack.js";
import type { ReloadResult } from "../discord/actions/index.js";
import { ConfigError } from "../config/config-error.js";
import { createClient, shardingRequiredMessage } from "../discord/client.js";
import { Cooldowns } from "../discord/cooldowns.js";
import { answerShardsAsTheyGetReady } from "../discord/early-interactions.js";
import { FloodGate } from "../discord/flood.js";
import { readiness, type Readiness } from "../discord/readiness.js";
import type { BotMetrics } from "../health.js";
import type { Logger } from "../logger.js";
import { servePack } from "./served-pack.js";
import { MemoryFollowUps } from "../state/follow-ups.js";

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
  /** Stops taking interactions, stops long actions, lets those in flight finish (bounded), and disconnects. */
  stop: () => Promise<void>;
}

export interface StartOptions {
  config: BotConfig;
  logger: Logger;
  /** discord.js options for tests (e.g. a fast identify throttle). */
  client?: Partial<ClientOptions>;
  /** The pack in CONTENT_DIR, validated; its cards are drawn as the bot connects. */
  validated: ValidatedPack;
}

/** Gateway close code: this process runs fewer shards than Discord requires for its guilds. */
const SHARDING_REQUIRED = 4011;

/** How long shutdown waits for replies in flight: well inside the 5 s an orchestrator allows. */
const DRAIN_MS = 3000;

/**
 * The bot: a gateway client, the served pack, the dispatcher that answers interactions from it, and
 * the health server. The pack's cards are drawn while the client connects.
 */
export async function startBot({ config, logger, client: overrides, validated }: StartOptions): Promise<Bot> {
  const client = await createClient(config, logger, overrides);
  const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
  // Interactions come once a first shard is ready, before the others (see early-interactions.ts).
  const firstShardReady = new Promise<void>((resolve) => client.once(Events.ShardReady, () => resolve()));
  const isReplay = answerShardsAsTheyGetReady(client);
  const pack = servePack(validated, { config, logger, gatewayReady: firstShardReady });
  const metrics = config.HEALTH_PORT === undefined ? undefined : await startMetrics(client, pack, validated);
  const dispatcherModule = firstShardReady.then(() => import("../discord/dispatcher.js"));
  const shutdown = new AbortController();
  const dispatching = pack.loaded.then(async (context) => {
    const { createDispatcher } = await dispatcherModule;
    void warnIfCommandsChanged(client, config, context, logger);
    return createDispatcher({
      context: () => pack.current() as CommandContext,
      logger,
      reload: pack.reload,
      shutdown: shutdown.signal,
      cooldowns: new Cooldowns(),
      flood: new FloodGate(config.CHAT_LIMITS),
      followUps: new MemoryFollowUps(),
      cooldownOverrides: config.COOLDOWNS,
      onHandled: (event) => metrics?.recordInteraction(event),
    });
  });

  const inFlight = new Set<Promise<void>>();
  let stopping = false;
  // Interactions and messages only come after READY, but the cards may still be drawing: wait for them.
  const dispatch = (event: Interaction | Message) => {
    const handling = dispatching.then((handle) => handle(event)).finally(() => inFlight.delete(handling));
    inFlight.add(handling);
  };
  client.on(Events.InteractionCreate, (interaction) => {
    if (!stopping && !isReplay(interaction)) dispatch(interaction);
  });
  // Only with ASK_IN_CHAT does the client subscribe to messages.
  client.on(Events.MessageCreate, (message) => {
    if (!stopping) dispatch(message);
  });
  client.on(Events.Error, (error) => logger.error({ err: error }, "discord client error"));
  client.on(Events.ShardReady, (shard) => logger.info({ shard }, "shard ready"));
  client.on(Events.ShardDisconnect, (event, shard) => {
    logger.warn({ shard, code: event.code }, "gateway disconnected");
    // At start-up login fails with it (below); later, a shard that re-identifies stays down: say what to set.
    if (event.code === SHARDING_REQUIRED && client.isReady())
      void shardingRequiredMessage(client, config).then((message) => logger.fatal({ shard }, message));
  });
  client.once(Events.ClientReady, (c) =>
    logger.info({ user: c.user.tag, guilds: c.guilds.cache.size, shards: client.options.shards }, "ready"),
  );

  const state = () => readiness(client, pack.current() !== undefined, stopping);
  const healthAt = { port: config.HEALTH_PORT as number, host: config.HEALTH_HOST };
  const health = metrics && (await (await import("../health.js")).startHealthServer(healthAt, metrics, state));
  // The cards may still be drawing when the gateway is ready: /readyz says so, and interactions wait.
  await client.login(config.DISCORD_TOKEN).catch(async (error: unknown) => {
    // @discordjs/ws's error for close 4011: the fix is a setting, said in one line.
    if ((error as Error).message !== "Sharding is required") throw error;
    throw new ConfigError(await shardingRequiredMessage(client, config));
  });
  return {
    client,
    context: () => pack.current() as CommandContext,
    readiness: state,
    ...(health ? { health } : {}),
    ready,
    contentReady: dispatching.then(() => undefined),
    reload: pack.reload,
    stop: async () => {
      stopping = true;
      shutdown.abort();
      await Promise.race([Promise.allSettled(inFlight), sleep(DRAIN_MS)]);
      await client.destroy();
      health?.closeAllConnections();
      await new Promise((resolve) => (health ? health.close(resolve) : resolve(undefined)));
    },
  };
}

/** Metrics have no reader without the health server, so prom-client loads only with it. */
async function startMetrics(
  client: Client,
  pack: ReturnType<typeof servePack>,
  validated: ValidatedPack,
): Promise<BotMetrics> {
  const { createMetrics } = await import("../health.js");
  return createMetrics(client, () => pack.current()?.engine.pack.version ?? validated.pack.version);
}

async function warnIfCommandsChanged(
  client: Client,
  config: BotConfig,
  context: CommandContext,
  logger: Logger,
): Promise<void> {
  try {
    const { commandDefinitions, commandsMatch } = await import("../discord/registration.js");
    const target = { applicationId: config.DISCORD_APPLICATION_ID, guildId: config.DISCORD_GUILD_ID };
    if (!(await commandsMatch(client.rest, target, commandDefinitions(context.commands, context.engine.pack)))) {
      logger.warn("the registered slash commands differ from this version's: run `npm run deploy-commands`");
    }
  } catch (error) {
    logger.warn({ err: error }, "could not compare the registered slash commands");
  }
}
