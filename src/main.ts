import { setFlagsFromString } from "node:v8";
import { exitOnStartupError } from "./cli/startup.js";
import type { BotConfig } from "./config/env.js";
import { validateStartup } from "./config/validate-off-thread.js";
import { createLogger, wantsPrettyLogs, type Logger } from "./logger.js";

/**
 * The entry point, in the image and for `npm start`: `start` (the default) runs the bot,
 * `deploy-commands` registers the slash commands, `check-content` validates the pack.
 */
// undici (discord.js's REST client) parses HTTP with WebAssembly; V8's optimizing recompile of it, once
// hot, costs more memory than it saves time on Discord's small answers (docs/design.md).
setFlagsFromString("--no-wasm-tier-up");

const tasks: Record<string, () => Promise<unknown>> = {
  start,
  "deploy-commands": () => import("./deploy-commands.js"),
  "check-content": () => import("./cli/check-content.js"),
};

/** A stop must finish inside the 5 s an orchestrator waits before it kills. */
const HARD_STOP_MS = 4500;

/** Set once created: a start-up failure flushes its pending lines before saying why it stopped. */
let openLogger: Logger | undefined;

/** The bot, until SIGTERM or SIGINT; SIGHUP re-reads the content pack. */
async function start(): Promise<void> {
  // Before anything else: SIGHUP's default action kills the process. One that comes while the bot starts
  // is carried out once it is up (the start-up read of the pack may predate the change it announces).
  let reloadAsked = false;
  let reload = () => void (reloadAsked = true);
  process.on("SIGHUP", () => reload());
  // The configuration and the pack are validated in a worker thread while discord.js compiles here.
  const validating = validateStartup(process.env);
  const loadingBot = import("./bot/index.js");
  const { config, validated } = await validating;
  const logger = createBotLogger(config);
  const bot = await (await loadingBot).startBot({ config, logger, validated });
  bot.contentReady.then(
    // Process managers that start the bot with an IPC channel (pm2's wait_ready) learn when it answers.
    () => process.send?.("ready"),
    (error: unknown) => {
      logger.fatal({ err: error }, "the content pack could not be prepared");
      logger.flush(() => process.exit(1));
    },
  );
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "shutting down");
    setTimeout(() => process.exit(0), HARD_STOP_MS).unref();
    void bot
      .stop()
      .catch((error: unknown) => logger.error({ err: error }, "error while stopping"))
      .finally(() => {
        logger.info("stopped");
        logger.flush(() => process.exit(0));
      });
  };
  process.on("SIGTERM", shutdown).on("SIGINT", shutdown);
  reload = () => void bot.reload().catch((error: unknown) => logger.error({ err: error }, "reload failed"));
  if (reloadAsked) reload();
}

/** The one logger, made as soon as the configuration is known. */
function createBotLogger(config: BotConfig): Logger {
  const logger = createLogger({
    level: config.LOG_LEVEL,
    pretty: wantsPrettyLogs(config.NODE_ENV),
    secrets: [config.DISCORD_TOKEN],
  });
  openLogger = logger;
  process.on("unhandledRejection", (reason) => logger.error({ err: reason }, "unhandled promise rejection"));
  return logger;
}

const task = process.argv[2] ?? "start";
const run = tasks[task];
if (run) {
  process.argv.splice(2, 1);
  await run().catch((error: unknown) => {
    // Pending log lines go out first, so the reason it stopped is the last line an operator reads.
    if (openLogger) openLogger.flush(() => exitOnStartupError(error));
    else exitOnStartupError(error);
  });
} else {
  console.error(`Unknown task "${task}": use ${Object.keys(tasks).join(", ")}.`);
  process.exit(2);
}
