import { botEnvSchema, readConfig } from "./config.js";
import { startBot } from "./bot.js";
import { createLogger, wantsPrettyLogs } from "./logger.js";
import { exitOnStartupError } from "./cli/startup.js";

/** `npm start`: the bot. Configuration and content are checked before anything connects. */
async function main(): Promise<void> {
  const config = readConfig(botEnvSchema);
  const logger = createLogger({ level: config.LOG_LEVEL, pretty: wantsPrettyLogs(config.NODE_ENV), secrets: [config.DISCORD_TOKEN] });
  process.on("unhandledRejection", (reason) => logger.error({ err: reason }, "unhandled promise rejection"));
  const bot = await startBot({ config, logger });
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "shutting down");
    void bot.stop().finally(() => logger.flush(() => process.exit(0)));
  };
  process.on("SIGTERM", shutdown).on("SIGINT", shutdown);
}

main().catch(exitOnStartupError);
