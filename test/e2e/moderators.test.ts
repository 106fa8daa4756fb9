import { afterEach, describe, expect, it } from "vitest";
import { alice, bob, embedOf, eventually, startBotUnderTest, type BotUnderTest } from "../fake-discord/harness.js";
import { FAKE_PERMISSIONS as P, type FakeGuild, type FakeUser } from "../fake-discord/server.js";
import { packCopy } from "../support/packs.js";

const GUILD = "400000000000000001";
const MOD_ROLE = "500000000000000001";
const NEWS = "300000000000000002";
const QUIET = "300000000000000003";
const LOCKED = "300000000000000004";
const STAFF = "300000000000000005";
const ANNOUNCEMENTS = "300000000000000006";
/** A thread in #news that the bot has never seen (not in GUILD_CREATE, so not cached). */
const THREAD = "300000000000000007";
const mod: FakeUser = {
  id: "200000000000000003",
  username: "mod",
  discriminator: "0",
  avatar: null,
  global_name: "Mod",
};
const BOT_ID = "100000000000000009";
const timedOutMod: FakeUser = { ...mod, id: "200000000000000005", username: "muted-mod", global_name: "Muted Mod" };

const guild: FakeGuild = {
  id: GUILD,
  name: "Korea Watchers",
  roles: [{ id: MOD_ROLE, name: "Moderator", permissions: P.ManageMessages | P.ManageGuild }],
  channels: [
    { id: NEWS, name: "news" },
    // A moderator of one channel is not one of another.
    { id: QUIET, name: "quiet", overwrites: [{ id: MOD_ROLE, type: 0, deny: P.ManageMessages }] },
    // The bot may post here but not embed or attach.
    { id: LOCKED, name: "locked", overwrites: [{ id: BOT_ID, type: 1, deny: P.EmbedLinks | P.AttachFiles }] },
    // Moderators can neither see the staff channel nor write in the announcements one; the bot can do both.
    { id: STAFF, name: "staff", overwrites: [{ id: MOD_ROLE, type: 0, deny: P.ViewChannel }] },
    { id: ANNOUNCEMENTS, name: "announcements", overwrites: [{ id: MOD_ROLE, type: 0, deny: P.SendMessages }] },
    { id: THREAD, name: "summit thread", threadOf: NEWS },
  ],
  memberRoles: { [mod.id]: [MOD_ROLE], [timedOutMod.id]: [MOD_ROLE] },
  timedOut: [timedOutMod.id],
};
const botUser: FakeUser = {
  id: BOT_ID,
  username: "summit-bot",
  discriminator: "0",
  avatar: null,
  bot: true,
  global_name: null,
};

const running: BotUnderTest[] = [];
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((t) => t.close()));
  await Promise.all(cleanups.splice(0).map((c) => c()));
});

async function start(env: Record<string, string> = {}): Promise<BotUnderTest> {
  const t = await startBotUnderTest(env, { guilds: [guild], botUser });
  running.push(t);
  return t;
}

function post(t: BotUnderTest, user: FakeUser, channel: string, extra: Array<Record<string, unknown>> = []) {
  return t.fake.sendCommand({
    name: "gallery",
    guildId: GUILD,
    user,
    resolvedChannels: [channel],
    options: [{ name: "post", type: 1, options: [{ name: "channel", type: 7, value: channel }, ...extra] }],
  });
}

/** The moderator's progress reply as it finally reads. */
function finalReport(t: BotUnderTest, interactionId: string, done: RegExp) {
  return eventually(
    () =>
      t.fake
        .responsesTo(interactionId)
        .map((r) => String(r.data.content ?? ""))
        .find((c) => done.test(c)),
    `a report matching ${done}`,
  );
}

const postedSlides = (t: BotUnderTest, channel: string) =>
  (t.fake.channelMessages.get(channel) ?? []).map((m) => (m.files as Array<{ name: string }>)[0]?.name ?? "intro");

describe("/gallery post", () => {
  it("posts every slide in order, one message each, with progress and a link to the first post", async () => {
    const t = await start();
    const started = await post(t, mod, NEWS, [{ name: "intro", type: 5, value: true }]);
    expect(started.data).toMatchObject({ flags: 64, content: `Posting 8 slides to <#${NEWS}>…` });
    const report = await finalReport(t, started.interactionId, /First post/);
    expect(report).toMatch(new RegExp(`First post: https://discord.com/channels/${GUILD}/${NEWS}/\\d+`));
    expect(postedSlides(t, NEWS)).toEqual(["intro", ...Array.from({ length: 8 }, (_, i) => `slide-${i + 1}.png`)]);
    const intro = (t.fake.channelMessages.get(NEWS)?.[0]?.embeds as Array<{ title: string; url: string }>)[0];
    expect(intro).toMatchObject({
      title: "In Pictures: Kim Jong Un Meets Moon Jae-in for Korean Peace Talks",
      url: expect.stringContaining("newsweek.com"),
    });
    expect(
      t.fake
        .responsesTo(started.interactionId)
        .some((r) => r.data.content === "Posted 3 of 8 slides to <#300000000000000002>."),
    ).toBe(true);
    expect(t.fake.specViolations).toEqual([]);
  });

  it("rides out a 429 in the middle: retried, nothing lost or doubled", async () => {
    const t = await start();
    t.fake.failNext({
      method: "POST",
      path: /^\/channels\/\d+\/messages$/,
      after: 3,
      status: 429,
      headers: { "retry-after": "0.3" },
      body: { message: "You are being rate limited.", retry_after: 0.3, global: false },
    });
    const started = await post(t, mod, NEWS);
    await finalReport(t, started.interactionId, /^Posted 8 of 8/);
    expect(postedSlides(t, NEWS)).toEqual(Array.from({ length: 8 }, (_, i) => `slide-${i + 1}.png`));
  });

  it("retries 429s on its progress edits (webhook PATCHes) and still reports every slide once", async () => {
    const t = await start();
    t.fake.failNext({
      method: "PATCH",
      path: /^\/webhooks\/\d+\/[^/]+\/messages\/@original$/,
      after: 2,
      times: 2,
      status: 429,
      headers: { "retry-after": "0.2" },
      body: { message: "You are being rate limited.", retry_after: 0.2, global: false },
    });
    const started = await post(t, mod, NEWS);
    await finalReport(t, started.interactionId, /First post/);
    expect(postedSlides(t, NEWS)).toEqual(Array.from({ length: 8 }, (_, i) => `slide-${i + 1}.png`));
    const patches = t.fake.requests.filter((r) => r.method === "PATCH" && r.path.includes("/messages/@original"));
    expect(patches.length).toBe(9 + 2);
  });

  it("stops on a 403 in the middle, says what was posted, and resumes with from:", async () => {
    const t = await start();
    t.fake.failNext({
      method: "POST",
      path: /^\/channels\/\d+\/messages$/,
      after: 3,
      status: 403,
      body: { message: "Missing Permissions", code: 50013 },
    });
    const started = await post(t, mod, NEWS);
    const report = await finalReport(t, started.interactionId, /not posted/);
    expect(report).toContain("Posted slides 1-3");
    expect(report).toContain("slides 4-8 were not posted (Discord said: Missing Permissions)");
    expect(report).toContain("from:4 to:8");
    const resumed = await post(t, mod, NEWS, [{ name: "from", type: 4, value: 4 }]);
    await finalReport(t, resumed.interactionId, /^Posted 5 of 5/);
    expect(postedSlides(t, NEWS)).toEqual(Array.from({ length: 8 }, (_, i) => `slide-${i + 1}.png`));
  });

  it("refuses a member without Manage Messages even when Discord lets the command through, and logs it", async () => {
    const t = await start();
    const refused = await post(t, alice, NEWS);
    expect(refused.data).toMatchObject({
      flags: 64,
      content: `You need the Manage Messages permission in <#${NEWS}> to use /gallery.`,
    });
    await eventually(
      () => t.logs.some((l) => l.includes('"outcome":"refused"') && l.includes('"level":40')),
      "the refusal's warn log line",
    );
    expect(t.fake.channelMessages.size).toBe(0);
  });

  it("refuses a moderator in a channel where they are not one", async () => {
    const t = await start();
    const refused = await post(t, mod, QUIET);
    expect(refused.data.content).toContain("You need the Manage Messages permission");
  });

  it.each([
    [STAFF, "View Channel permission"],
    [ANNOUNCEMENTS, "Send Messages permission"],
  ])("refuses a moderator who could not post in %s themselves, and posts nothing", async (channel, missing) => {
    const t = await start();
    const refused = await post(t, mod, channel);
    expect(refused.data).toMatchObject({
      flags: 64,
      content: `You need the ${missing} in <#${channel}> to use /gallery.`,
    });
    expect(t.fake.channelMessages.size).toBe(0);
  });

  it("refuses a moderator in timeout: Discord's permissions for them count, not their roles", async () => {
    const t = await start();
    const refused = await post(t, timedOutMod, NEWS);
    expect(refused.data.content).toBe(
      `You need the Send Messages, Manage Messages permissions in <#${NEWS}> to use /gallery.`,
    );
    expect(t.fake.channelMessages.size).toBe(0);
  });

  it("lists the permissions the bot lacks in the channel before posting anything", async () => {
    const t = await start();
    const refused = await post(t, mod, LOCKED);
    expect(refused.data.content).toBe(
      `I can't do that in <#${LOCKED}>: I'm missing Embed Links, Attach Files. Ask an admin to grant them to me there.`,
    );
    expect(t.fake.channelMessages.size).toBe(0);
  });
});

describe("/slideshow", () => {
  it("lets the invoker page through it and gives anyone else a private copy", async () => {
    const t = await start();
    const show = await t.fake.sendCommand({ name: "slideshow", guildId: GUILD, user: alice });
    expect(show.data.flags ?? 0).toBe(0);
    const [buttons, menu] = show.data.components as Array<{
      components: Array<{ custom_id: string; label?: string; options?: unknown[] }>;
    }>;
    expect(buttons?.components.map((b) => b.label)).toEqual(["⏮ First", "◀ Previous", "Next ▶", "Last ⏭"]);
    expect(menu?.components[0]?.options).toHaveLength(8);
    const next = await t.fake.clickButton({
      customId: buttons!.components[2]!.custom_id,
      message: show.message,
      user: alice,
      guildId: GUILD,
    });
    expect(next.type).toBe(7);
    expect(embedOf(next).image?.url).toBe("attachment://slide-2.png");
    const picked = await t.fake.selectMenu({
      customId: menu!.components[0]!.custom_id,
      values: ["5"],
      message: next.message,
      user: alice,
      guildId: GUILD,
    });
    expect(embedOf(picked).image?.url).toBe("attachment://slide-5.png");
    const last = await t.fake.clickButton({
      customId: buttons!.components[3]!.custom_id,
      message: picked.message,
      user: bob,
      guildId: GUILD,
    });
    expect(last.type).toBe(4);
    expect(last.data.flags).toBe(64);
    expect(embedOf(last).image?.url).toBe("attachment://slide-8.png");
    expect(t.fake.specViolations).toEqual([]);
  });
});

describe("/reload", () => {
  it("serves a changed pack, makes old buttons politely out of date, and keeps serving when the new pack is broken", async () => {
    const pack = await packCopy();
    cleanups.push(pack.cleanup);
    const t = await start({ CONTENT_DIR: pack.dir });
    const photo = await t.fake.sendCommand({
      name: "photo",
      guildId: GUILD,
      user: alice,
      options: [{ name: "number", type: 4, value: 1 }],
    });

    const edited = await packCopy(({ article, slides }) => {
      article.version = "2018.04.28-2";
      slides.slides[0].caption = "An updated caption for the first slide.";
    });
    cleanups.push(edited.cleanup);
    const { cp } = await import("node:fs/promises");
    await cp(edited.dir, pack.dir, { recursive: true });
    const reloaded = await t.fake.sendCommand({ name: "reload", guildId: GUILD, user: mod });
    expect(reloaded).toMatchObject({ type: 5, data: { flags: 64 } });
    expect(await finalReport(t, reloaded.interactionId, /^Reloaded/)).toBe(
      "Reloaded content pack 2018.04.28-2: 10 paragraphs, 8 slides.",
    );
    const now = await t.fake.sendCommand({
      name: "photo",
      guildId: GUILD,
      user: alice,
      options: [{ name: "number", type: 4, value: 1 }],
    });
    expect(embedOf(now).description).toContain("An updated caption");
    const old = (photo.data.components as Array<{ components: Array<{ custom_id: string }> }>)[0]!.components[1]!
      .custom_id;
    const stale = await t.fake.clickButton({ customId: old, message: photo.message, user: alice, guildId: GUILD });
    expect(stale.data.content).toContain("out of date");

    const broken = await packCopy(({ slides }) => void delete slides.slides[1].caption);
    cleanups.push(broken.cleanup);
    await cp(broken.dir, pack.dir, { recursive: true });
    const refused = await t.fake.sendCommand({ name: "reload", guildId: GUILD, user: mod });
    const problems = await finalReport(t, refused.interactionId, /still serving the current one/);
    expect(problems).toMatch(/slides\.yaml: slide s2 \(line \d+\), caption/);
    const still = await t.fake.sendCommand({
      name: "photo",
      guildId: GUILD,
      user: alice,
      options: [{ name: "number", type: 4, value: 1 }],
    });
    expect(embedOf(still).description).toContain("An updated caption");
    expect(t.fake.specViolations).toEqual([]);
  });

  it("works in a thread the bot has never seen", async () => {
    const t = await start();
    const reloaded = await t.fake.sendCommand({ name: "reload", guildId: GUILD, user: mod, channelId: THREAD });
    expect(reloaded).toMatchObject({ type: 5, data: { flags: 64 } });
    expect(await finalReport(t, reloaded.interactionId, /^Reloaded/)).toMatch(/^Reloaded content pack/);
  });

  it("is refused to members without Manage Guild", async () => {
    const t = await start();
    const refused = await t.fake.sendCommand({ name: "reload", guildId: GUILD, user: alice });
    expect(refused.data.content).toBe(`You need the Manage Guild permission in <#300000000000000001> to use /reload.`);
  });
});

describe("cooldowns", () => {
  it("asks a member to wait, without suggestions, then answers again; moderators are exempt", async () => {
    const t = await start({ COOLDOWNS: "ask=1" });
    const ask = (user: FakeUser) =>
      t.fake.sendCommand({
        name: "ask",
        guildId: GUILD,
        user,
        options: [{ name: "question", type: 3, value: "what is the dmz" }],
      });
    await ask(alice);
    const throttled = await ask(alice);
    expect(throttled.data).toMatchObject({
      flags: 64,
      content: expect.stringMatching(/^You're going a little fast: you can use \/ask again <t:\d+:R>\.$/),
    });
    expect(throttled.data.embeds ?? []).toEqual([]);
    expect((await ask(bob)).data.embeds).toHaveLength(1);
    await ask(mod);
    expect((await ask(mod)).data.embeds).toHaveLength(1);
    const choices = await t.fake.sendAutocomplete({
      name: "ask",
      guildId: GUILD,
      user: alice,
      options: [{ name: "question", type: 3, value: "dmz", focused: true }],
    });
    expect(choices.length).toBeGreaterThan(0);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect((await ask(alice)).data.embeds).toHaveLength(1);
  });
});
