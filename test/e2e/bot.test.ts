import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { ask } from "../../commands/ask.js";
import { alice, bob, embedOf, startBotUnderTest, type BotUnderTest } from "../fake-discord/harness.js";

let t: BotUnderTest;
beforeAll(async () => {
  t = await startBotUnderTest();
});
afterAll(async () => {
  await t?.close();
});

const text = (name: string, value: string) => ({ name, type: 3, value });

describe("the bot through a fake Discord", () => {
  it("answers /history 1950 with the war breaking out", async () => {
    const res = await t.fake.sendCommand({ name: "history", options: [text("query", "1950")], user: alice });
    expect(res.type).toBe(4);
    expect(embedOf(res).description).toContain("A war broke out in **1950**");
    expect(res.data.flags ?? 0).toBe(0);
    expect(t.fake.specViolations).toEqual([]);
  });

  it("shows /photo 5 with its caption, credit and picture attached", async () => {
    const res = await t.fake.sendCommand({
      name: "photo",
      options: [{ name: "number", type: 4, value: 5 }],
      user: alice,
    });
    const embed = embedOf(res);
    expect(embed.description).toContain("steps across the border into North Korea");
    expect(embed.footer?.text).toContain("Korea Summit Press Pool/Pool via Reuters");
    expect(embed.image?.url).toBe("attachment://slide-5.png");
    expect(res.files).toHaveLength(1);
    expect(res.files[0]?.name).toBe("slide-5.png");
    expect(res.files[0]?.bytes.subarray(1, 4).toString()).toBe("PNG");
    expect(res.data.attachments).toEqual([
      expect.objectContaining({ description: expect.stringContaining("Slide 5") }),
    ]);
    expect(t.fake.specViolations).toEqual([]);
  });

  it("answers a free-text /ask and declines politely, ephemerally, what the article does not cover", async () => {
    const answered = await t.fake.sendCommand({
      name: "ask",
      options: [text("question", "who won the korean war tho")],
      user: alice,
    });
    expect(embedOf(answered).description).toContain("close to **winning** the **war**");
    const declined = await t.fake.sendCommand({
      name: "ask",
      options: [text("question", "How many people died in the Korean War?")],
      user: alice,
    });
    expect(declined.data.flags).toBe(64);
    const embed = embedOf(declined);
    expect(embed.description).toContain("doesn't say anything about that");
    expect(embed.fields?.[0]?.name).toBe("The article does cover");
  });

  it("moves a slide with Next for the asker, and gives anyone else their own copy", async () => {
    const first = await t.fake.sendCommand({
      name: "photo",
      options: [{ name: "number", type: 4, value: 2 }],
      user: alice,
    });
    const row = (first.data.components as Array<{ components: Array<{ custom_id: string; label: string }> }>)[0];
    const next = row?.components.find((b) => b.label.includes("Next"));
    expect(next).toBeDefined();
    const own = await t.fake.clickButton({ customId: next!.custom_id, message: first.message, user: alice });
    expect(own.type).toBe(7);
    expect(embedOf(own).image?.url).toBe("attachment://slide-3.png");
    const other = await t.fake.clickButton({ customId: next!.custom_id, message: first.message, user: bob });
    expect(other.type).toBe(4);
    expect(other.data.flags).toBe(64);
    expect(t.fake.specViolations).toEqual([]);
  });

  it("offers its best passages as buttons when unsure, and shows the one clicked in place", async () => {
    const offer = await t.fake.sendCommand({
      name: "ask",
      options: [{ name: "question", type: 3, value: "did the truce come before the handshake" }],
      user: alice,
    });
    expect(offer.data.flags).toBe(64);
    expect(embedOf(offer).description).toContain("I'm not sure");
    const buttons = (offer.data.components as Array<{ components: Array<{ custom_id: string; label: string }> }>)[0]
      ?.components;
    expect(buttons?.length).toBeGreaterThan(0);
    expect(buttons?.length).toBeLessThanOrEqual(3);
    const slideSix = buttons?.find((b) => b.custom_id.startsWith("offer:s6:"));
    expect(slideSix?.label).toMatch(/^\d\. Slide 6/);
    const shown = await t.fake.clickButton({ customId: slideSix!.custom_id, message: offer.message, user: alice });
    expect(shown.type).toBe(7);
    expect(embedOf(shown).image?.url).toBe("attachment://slide-6.png");
    expect(t.fake.specViolations).toEqual([]);
  });

  it("offers autocomplete choices within Discord's limits", async () => {
    const choices = await t.fake.sendAutocomplete({
      name: "history",
      options: [{ name: "query", type: 3, value: "19", focused: true }],
    });
    expect(choices.length).toBeGreaterThan(0);
    expect(choices.length).toBeLessThanOrEqual(25);
    for (const c of choices) expect(c.name.length).toBeLessThanOrEqual(100);
  });

  it("pings only the mentioned user, and hides when asked", async () => {
    const res = await t.fake.sendCommand({
      name: "ask",
      options: [
        text("question", "what is the dmz @everyone **really**"),
        { name: "mention", type: 6, value: bob.id },
        { name: "hide", type: 5, value: true },
      ],
      resolvedUsers: [bob],
      user: alice,
    });
    expect(res.data.content).toBe(`<@${bob.id}>`);
    expect(res.data.allowed_mentions).toEqual({ parse: [], users: [bob.id] });
    expect(res.data.flags).toBe(64);
  });

  it("works in a DM with the bot", async () => {
    const res = await t.fake.sendCommand({
      name: "history",
      options: [text("query", "1948")],
      user: alice,
      guildId: null,
    });
    expect(embedOf(res).description).toContain("Syngman Rhee");
  });

  it("answers a slide button from an older pack version politely", async () => {
    const first = await t.fake.sendCommand({ name: "photo", options: [], user: alice });
    const stale = await t.fake.clickButton({
      customId: "slide:2:200000000000000001:00000000",
      message: first.message,
      user: alice,
    });
    expect(stale.data).toMatchObject({ flags: 64, content: expect.stringContaining("out of date") });
  });

  it("turns an error inside a handler into an ephemeral apology with a reference, and keeps answering", async () => {
    vi.spyOn(ask, "execute").mockImplementationOnce(() => {
      throw new Error("boom");
    });
    const failed = await t.fake.sendCommand({
      name: "ask",
      options: [text("question", "what is the dmz")],
      user: alice,
    });
    expect(failed.data.flags).toBe(64);
    const ref = /\(ref: ([0-9a-f]{8})\)/.exec(String(failed.data.content))?.[1];
    expect(ref).toBeDefined();
    expect(t.logs.find((l) => l.includes(`"ref":"${ref}"`))).toContain('"msg":"interaction failed"');
    const next = await t.fake.sendCommand({ name: "ask", options: [text("question", "what is the dmz")], user: alice });
    expect(embedOf(next).description).toContain("demilitarized zone");
  });

  it("sends only bodies that Discord's OpenAPI spec accepts", () => {
    expect(t.fake.requests.length).toBeGreaterThan(10);
    expect(t.fake.specViolations).toEqual([]);
  });

  it("never logs the bot token or an interaction token", () => {
    const all = t.logs.join("\n");
    expect(all).not.toContain("MTIzNDU2Nzg5MDEyMzQ1Njc4.fake-gateway");
    expect(all).not.toMatch(/aW50ZXJhY3Rpb246[\w-]{8,}/);
    expect(all).toContain('"msg":"interaction handled"');
    // The fake starts with no commands registered: the bot says they need deploying.
    expect(all).toContain("run `npm run deploy-commands`");
  });
});
