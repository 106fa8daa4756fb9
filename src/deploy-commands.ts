import { ApplicationCommandType, REST } from "discord.js";
import { botEnvSchema, readConfig } from "./config/env.js";
import { loadArticlePack } from "./content/read-pack.js";
import { reachDiscord } from "./discord/reach.js";
import { commandDefinitions, deployCommands, servedCommands } from "./discord/registration.js";
import { exitOnStartupError } from "./cli/startup.js";

/** `npm run deploy-commands`: registers the slash commands and the message menu command, to DISCORD_GUILD_ID when set, else globally. */
async function main(): Promise<void> {
  const config = readConfig(botEnvSchema);
  const pack = await loadArticlePack(config.CONTENT_DIR, { cardCacheDir: config.CARD_CACHE_DIR });
  const rest = new REST(config.DISCORD_API_URL ? { api: config.DISCORD_API_URL } : {}).setToken(config.DISCORD_TOKEN);
  await reachDiscord(rest);
  const definitions = commandDefinitions(servedCommands(config.ASK_IN_CHAT), pack);
  const where = config.DISCORD_GUILD_ID
    ? `guild ${config.DISCORD_GUILD_ID}`
    : "all servers (global; may take up to an hour to appear)";
  const changed = await deployCommands(
    rest,
    { applicationId: config.DISCORD_APPLICATION_ID, guildId: config.DISCORD_GUILD_ID },
    definitions,
  );
  // A menu command is named as its menu shows it; slash commands as they are typed.
  const names = definitions.map((d) => (d.type === ApplicationCommandType.Message ? d.name : `/${d.name}`)).join(", ");
  console.log(
    changed
      ? `Registered ${definitions.length} commands for ${where}: ${names}`
      : `Already up to date for ${where}: ${names}`,
  );
}

main().catch(exitOnStartupError);
