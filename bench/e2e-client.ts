import { readFileSync } from "node:fs";
import type { Client, ClientOptions } from "discord.js";
import { pino } from "pino";
import { botEnvSchema, readConfig } from "../src/config.js";
import { createLogger } from "../src/logger.js";
import { launchBot } from "../src/start.js";

/**
 * One client of `npm run bench:e2e`, in its own process so its memory is its own: `bot` is the real bot;
 * `bare` is discord.js doing no work of its own but sending the same kind of replies, the floor that
 * discord.js itself sets. Talks to the parent over IPC: "ready" once connected, memory on request.
 */
const [kind, apiUrl, pngPath, token, applicationId] = process.argv.slice(2) as ["bot" | "bare", string, string, string, string];
// Identify at once: discord.js otherwise waits 5 s between identifies.
const fastIdentify = { ws: { buildIdentifyThrottler: () => ({ waitForIdentify: async () => {} }) } } as Partial<ClientOptions>;
const send = (message: object) => process.send?.(message);

async function startBare(): Promise<Client> {
  // Loaded here, not at the top: the bot's own start-up decides when it loads discord.js.
  const { ButtonStyle, Client, ComponentType, Events, GatewayIntentBits } = await import("discord.js");
  const png = readFileSync(pngPath);
  const client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: apiUrl }, ...fastIdentify });
  const choices = Array.from({ length: 25 }, (_, i) => ({ name: `choice ${i}`, value: String(i) }));
  client.on(Events.InteractionCreate, (interaction) => {
    if (interaction.isAutocomplete()) void interaction.respond(choices);
    else if (interaction.isChatInputCommand() && interaction.commandName === "photo") {
      void interaction.reply({
        embeds: [{ title: "slide", description: "x".repeat(120), image: { url: "attachment://slide.png" }, footer: { text: "credit" } }],
        files: [{ attachment: png, name: "slide.png" }],
        components: [
          {
            type: ComponentType.ActionRow,
            components: [
              { type: ComponentType.Button, style: ButtonStyle.Secondary, label: "Previous", custom_id: "p" },
              { type: ComponentType.Button, style: ButtonStyle.Secondary, label: "Next", custom_id: "n" },
            ],
          },
        ],
      });
    } else if (interaction.isChatInputCommand()) void interaction.reply({ content: "x".repeat(300) });
  });
  const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
  await client.login(token);
  await ready;
  return client;
}

async function startRealBot(): Promise<Promise<void>> {
  const config = readConfig(botEnvSchema, {
    DISCORD_TOKEN: token,
    DISCORD_APPLICATION_ID: applicationId,
    DISCORD_API_URL: apiUrl,
    CONTENT_DIR: "content/korea-summit",
    NODE_ENV: "production",
    COOLDOWNS: "*=0",
  });
  // Real JSON logging, to a sink: its cost is part of the bot's.
  const logger = createLogger({ level: "info", pretty: false, secrets: [token], destination: pino.destination("/dev/null") });
  const bot = await launchBot({ config, logger, client: fastIdentify });
  await bot.ready;
  return bot.contentReady;
}

const contentReady = kind === "bare" ? (await startBare(), Promise.resolve()) : await startRealBot();
send({ type: "ready" });
await contentReady;
send({ type: "content-ready" });
process.on("message", (message: { type: string }) => {
  if (message.type !== "memory") return;
  // After a full GC both figures are about what the client keeps, not what it happened to be allocating.
  globalThis.gc?.();
  const { rss, heapUsed, heapTotal, external, arrayBuffers } = process.memoryUsage();
  send({ type: "memory", rss, heapAfterGc: heapUsed, heapTotal, external, arrayBuffers });
});
