import type { Bot, StartOptions } from "./bot.js";
import { startLoadingArticlePack } from "./content/pack.js";

/**
 * Starts the bot the fast way: discord.js and the rest start loading while the pack is read and
 * validated (a broken one stops here, before anything connects), and the slide cards that are not
 * cached are drawn in their own process meanwhile: the steps overlap instead of adding up.
 */
export async function launchBot(options: Omit<StartOptions, "content">): Promise<Bot> {
  const loadingBot = import("./bot.js");
  const content = await startLoadingArticlePack(options.config.CONTENT_DIR, { cardCacheDir: options.config.CARD_CACHE_DIR });
  const { startBot } = await loadingBot;
  return startBot({ ...options, content });
}
