import { ConfigError } from "../config/config-error.js";
import { ContentError } from "../content/pack.js";
import { DiscordUnreachableError } from "../discord/reach.js";

/**
 * Start-up failures a person can fix print as one clear message: configuration, content, Discord out of
 * reach, a token Discord refuses (401 on /gateway/bot, or gateway close 4004). Anything else prints with
 * its stack. Exit code 1.
 */
export function exitOnStartupError(error: unknown): never {
  if (error instanceof ConfigError || error instanceof ContentError || error instanceof DiscordUnreachableError)
    console.error(error.message);
  else if (isRejectedToken(error))
    console.error("Discord rejected the token: check DISCORD_TOKEN (Bot page of the developer portal).");
  else console.error(error);
  process.exit(1);
}

function isRejectedToken(error: unknown): boolean {
  const e = error as { code?: unknown; status?: unknown; message?: unknown } | undefined;
  // discord.js: TokenInvalid for a 401 on /gateway/bot; @discordjs/ws: "Authentication failed" for close 4004.
  return e?.code === "TokenInvalid" || e?.status === 401 || e?.message === "Authentication failed";
}
