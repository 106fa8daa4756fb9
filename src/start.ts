import type { ClientOptions } from "discord.js";
import type { Bot } from "./bot.js";
import type { BotConfig } from "./config.js";
import type { Logger } from "./logger.js";
import { validateStartup } from "./validate-off-thread.js";

/**
 * Starts the bot the fast way: the configuration and the pack are validated in a worker thread while
 * discord.js and the rest compile here (a bad one stops the bot before anything connects), and the slide
 * cards that are not cached are drawn in their own process as the bot connects: the steps overlap
 * instead of adding up.
 */
export async function launchBot(
  env: NodeJS.ProcessEnv,
  options: { logger: (config: BotConfig) => Logger; client?: Partial<ClientOptions> },
): Promise<{ bot: Bot; logger: Logger }> {
  const validating = validateStartup(env);
  const loadingBot = import("./bot.js");
  const { config, validated } = await validating;
  const logger = options.logger(config);
  const { startBot } = await loadingBot;
  return { bot: await startBot({ config, logger, validated, client: options.client }), logger };
}
