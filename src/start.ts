import type { Bot, StartOptions } from "./bot.js";
import { startLoadingArticlePack } from "./content/pack.js";

/**
 * Starts the bot the fast way: validate the pack (a broken one stops here, before anything connects),
 * start drawing its slide cards in their process, and only then load discord.js and the rest, which
 * takes about as long as the drawing does. The two overlap instead of adding up.
 */
export async function launchBot(options: Omit<StartOptions, "content">): Promise<Bot> {
  const content = await startLoadingArticlePack(options.config.CONTENT_DIR, { cardCacheDir: options.config.CARD_CACHE_DIR });
  const { startBot } = await import("./bot.js");
  return startBot({ ...options, content });
}
