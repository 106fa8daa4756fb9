import { openSync } from "node:fs";
import { createLogger } from "../src/logger.js";
import { launchBot } from "../src/start.js";
import { apiUrl, applicationId, cardCacheDir, fastIdentify, reportToBench, token } from "./e2e-child.js";

/** The bot as `npm start` runs it, with its real JSON logging (to a sink: its cost is part of the bot's). */
const env = {
  DISCORD_TOKEN: token,
  DISCORD_APPLICATION_ID: applicationId,
  DISCORD_API_URL: apiUrl,
  CONTENT_DIR: "content/korea-summit",
  CARD_CACHE_DIR: cardCacheDir,
  NODE_ENV: "production",
  COOLDOWNS: "*=0",
};
const logger = () =>
  createLogger({ level: "info", pretty: false, secrets: [token], destination: openSync("/dev/null", "w") });
const { bot } = await launchBot(env, { logger, client: fastIdentify });
await reportToBench(bot.ready, bot.contentReady);
