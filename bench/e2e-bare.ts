import { readFileSync } from "node:fs";
import { ButtonStyle, Client, ComponentType, Events, GatewayIntentBits } from "discord.js";
import { answerMemoryRequests } from "./e2e-child.js";

/**
 * The bare client of `npm run bench:e2e`: discord.js doing no work of its own but sending the same kinds
 * of replies as the bot (an embed for an answer; an embed with the slide PNG and two buttons; 25 choices),
 * the floor that discord.js itself sets.
 */
const [apiUrl, pngPath, token] = process.argv.slice(2) as [string, string, string];
const png = readFileSync(pngPath);
// Shaped and sized as the bot's answers to the benchmark's /ask and /history: an embed with author, title,
// text and footer, 760 bytes of JSON with discord.js's defaults, their average (the bot answers in embeds).
const answer = {
  author: { name: "a".repeat(64), url: `https://example.com/${"u".repeat(70)}` },
  title: "t".repeat(32),
  color: 0x2f6fb3,
  description: "x".repeat(330),
  footer: { text: "f".repeat(34) },
};
const client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: apiUrl } });
const choices = Array.from({ length: 25 }, (_, i) => ({ name: `choice ${i}`, value: String(i) }));
client.on(Events.InteractionCreate, (interaction) => {
  if (interaction.isAutocomplete()) void interaction.respond(choices);
  else if (interaction.isChatInputCommand() && interaction.commandName === "photo") {
    void interaction.reply({
      embeds: [
        {
          title: "slide",
          description: "x".repeat(120),
          image: { url: "attachment://slide.png" },
          footer: { text: "credit" },
        },
      ],
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
  } else if (interaction.isChatInputCommand()) void interaction.reply({ embeds: [answer] });
});
answerMemoryRequests();
// Ready and answering are one moment for a client with nothing to load.
client.once(Events.ClientReady, () => process.send?.("ready"));
await client.login(token);
