import type { APIApplicationCommandOption } from "discord-api-types/v10";
import { REST } from "discord.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { commands } from "../../commands/index.js";
import { loadArticlePack } from "../../src/content/read-pack.js";
import { commandDefinitions, commandsMatch, deployCommands, servedCommands } from "../../src/discord/registration.js";
import { startFake, TEST_APPLICATION_ID, TEST_TOKEN } from "../fake-discord/harness.js";
import type { FakeDiscord } from "../fake-discord/server.js";

let fake: FakeDiscord;
let rest: REST;
const target = { applicationId: TEST_APPLICATION_ID, guildId: "400000000000000001" };
const definitions = commandDefinitions(commands, await loadArticlePack("content/korea-summit"));

beforeAll(async () => {
  fake = await startFake();
  rest = new REST({ api: fake.apiUrl }).setToken(TEST_TOKEN);
});
afterAll(() => fake.close());

/** Our definitions with one option of one command changed. */
function withOption(command: string, option: string, change: Record<string, unknown>) {
  const changed = structuredClone(definitions);
  const leaves = (list: APIApplicationCommandOption[] = []): APIApplicationCommandOption[] =>
    list.flatMap((o) => ("options" in o && o.type === 1 ? leaves(o.options) : [o]));
  const found = leaves(changed.find((d) => d.name === command)?.options).find((o) => o.name === option);
  if (!found) throw new Error(`no option ${option} on /${command}`);
  Object.assign(found, change);
  return changed;
}

describe("deploy-commands' compare-before-PUT, against Discord's normalized answers", () => {
  it("puts once, then finds Discord's normalized copy (ids, versions, defaults) equal to ours", async () => {
    await deployCommands(rest, target, definitions);
    const registered = fake.commands.get(target.guildId) ?? [];
    expect(registered[0]).toMatchObject({ id: expect.any(String), version: expect.any(String), nsfw: false });
    expect(await deployCommands(rest, target, definitions)).toBe(false);
  });

  it.each([
    ["a channel option's channel_types", withOption("gallery", "channel", { channel_types: [0] })],
    ["choices", withOption("photo", "number", { choices: [{ name: "first", value: 1 }] })],
    ["localizations", withOption("ask", "question", { description_localizations: { fr: "Votre question" } })],
    ["nsfw", definitions.map((d) => (d.name === "about" ? { ...d, nsfw: true } : d))],
    ["integration_types", definitions.map((d) => (d.name === "about" ? { ...d, integration_types: [0, 1] } : d))],
  ])("sees a change to only %s, and puts it", async (_what, changed) => {
    await deployCommands(rest, target, definitions);
    expect(await commandsMatch(rest, target, changed)).toBe(false);
    expect(await deployCommands(rest, target, changed)).toBe(true);
    expect(await commandsMatch(rest, target, changed)).toBe(true);
  });
});

describe("the commands a bot serves", () => {
  it("leaves out the message menu when it does not ask in conversation", () => {
    const menus = (askInChat: boolean) =>
      servedCommands(askInChat)
        .filter((c) => c.menu)
        .map((c) => c.name);
    expect(menus(true)).toEqual(["Answer from the article"]);
    expect(menus(false)).toEqual([]);
    expect(servedCommands(false)).toHaveLength(commands.length - 1);
  });
});
