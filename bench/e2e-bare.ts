import { readFileSync } from "node:fs";
import { ButtonStyle, Client, ComponentType, Events, GatewayIntentBits } from "discord.js";
import { apiUrl, fastIdentify, pngPath, reportToBench, token } from "./e2e-child.js";

/**
 * The bare client of `npm run bench:e2e`: discord.js doing no work of its own but sending the same kinds
 * of replies as the bot (text; an embed with the slide PNG and two buttons; 25 choices), the floor that
 * discord.js itself sets.
 */
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
await reportToBench(ready, ready);
