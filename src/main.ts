import { exitOnStartupError } from "./cli/startup.js";
import type { BotConfig } from "./config.js";
import { createLogger, wantsPrettyLogs, type Logger } from "./logger.js";
import { launchBot } from "./start.js";

/** A stop must finish inside the 5 s an orchestrator waits before it kills. */
const HARD_STOP_MS = 4500;

/** Set once created: a start-up failure flushes its batched lines before saying why it stopped. */
let openLogger: Logger | undefined;

/** `npm start`: the bot. Configuration and content are checked before anything connects. */
async function main(): Promise<void> {
  const { bot, logger } = await launchBot(process.env, { logger: createBotLogger });
  bot.contentReady.catch((error: unknown) => {
    logger.fatal({ err: error }, "the content pack could not be prepared");
    logger.flush(() => process.exit(1));
  });
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
  process.on(
    "SIGHUP",
    () => void bot.reload().catch((error: unknown) => logger.error({ err: error }, "reload failed")),
  );
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

main().catch((error: unknown) => {
  // Log lines still batched go out first, so the reason it stopped is the last line an operator reads.
  if (openLogger) openLogger.flush(() => exitOnStartupError(error));
  else exitOnStartupError(error);
});
