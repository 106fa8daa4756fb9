import { cp } from "node:fs/promises";
import { setTimeout as sleep } from "node:timers/promises";
import { afterEach, describe, expect, it, vi } from "vitest";
import type * as OffThread from "../../src/config/validate-off-thread.js";
import { eventually, startBotUnderTest, type BotUnderTest } from "../fake-discord/harness.js";
import { FAKE_PERMISSIONS as P, type FakeGuild, type FakeUser } from "../fake-discord/server.js";
import { packCopy } from "../support/packs.js";

/** Each reload's validation, numbered from 1 once read, then waits for this (a slow disk, a big pack). */
const validation = vi.hoisted(() => ({
  started: 0,
  calls: 0,
  afterRead: (_call: number): Promise<void> => Promise.resolve(),
}));
vi.mock("../../src/config/validate-off-thread.js", async (importOriginal) => {
  const real = await importOriginal<typeof OffThread>();
  return {
    ...real,
    validatePack: async (dir: string) => {
      validation.started += 1;
      const validated = await real.validatePack(dir);
      await validation.afterRead((validation.calls += 1));
      return validated;
    },
  };
});

const GUILD = "400000000000000001";
const ADMIN_ROLE = "500000000000000002";
const admin: FakeUser = { id: "200000000000000004", username: "admin", discriminator: "0", avatar: null };
const guild: FakeGuild = {
  id: GUILD,
  name: "Korea Watchers",
  roles: [{ id: ADMIN_ROLE, name: "Admin", permissions: P.ManageGuild }],
  memberRoles: { [admin.id]: [ADMIN_ROLE] },
};

const running: Array<{ close: () => Promise<void> }> = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((r) => r.close()));
  validation.calls = 0;
  validation.started = 0;
  validation.afterRead = () => Promise.resolve();
});

async function start(): Promise<BotUnderTest & { packDir: string }> {
  const pack = await packCopy();
  running.push({ close: pack.cleanup });
  const t = await startBotUnderTest({ CONTENT_DIR: pack.dir }, { guilds: [guild] });
  running.push(t);
  return { ...t, packDir: pack.dir };
}

/** Replaces the pack on disk with the bundled one at another version. */
async function writeVersion(dir: string, version: string): Promise<void> {
  const edited = await packCopy(({ article }) => void (article.version = version));
  await cp(edited.dir, dir, { recursive: true });
  await edited.cleanup();
}

const reloadAnswer = (t: BotUnderTest, id: string) =>
  eventually(
    () => t.fake.responsesTo(id).find((r) => /^Reloaded|still serving/.test(String(r.data.content ?? ""))),
    "the reload's answer",
    10_000,
  );

describe("/reload", () => {
  it("answers a reload that takes longer than Discord's 3 s: it defers first, then edits its answer", async () => {
    const t = await start();
    await writeVersion(t.packDir, "2018.04.28-slow");
    validation.afterRead = () => sleep(3500);
    const deferred = await t.fake.sendCommand({ name: "reload", guildId: GUILD, user: admin });
    expect(deferred).toMatchObject({ type: 5, data: { flags: 64 } });
    const answer = await reloadAnswer(t, deferred.interactionId);
    expect(answer.data.content).toBe("Reloaded content pack 2018.04.28-slow: 10 paragraphs, 8 slides.");
    expect(t.logs.join("\n")).not.toContain("interaction expired");
  }, 15_000);

  it("serializes overlapping reloads: they finish in the order asked, and the last asked wins", async () => {
    const t = await start();
    await writeVersion(t.packDir, "2018.04.28-first");
    const finished: string[] = [];
    let release = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    // The first reload, having read its pack, is held up (a slow draw) while the second is asked.
    validation.afterRead = (call) => (call === 1 ? gate : Promise.resolve());
    const first = t.bot.reload().then((r) => finished.push(r.ok ? r.version : "refused"));
    await eventually(() => validation.calls === 1, "the first reload to read the pack");
    await writeVersion(t.packDir, "2018.04.28-second");
    const second = t.bot.reload().then((r) => finished.push(r.ok ? r.version : "refused"));
    // Were it to start alongside the first (unserialized), it could finish first: let it.
    const alongside = await eventually(() => validation.started === 2, "a second validation", 1000).then(
      () => true,
      () => false,
    );
    if (alongside) await second;
    release();
    await Promise.all([first, second]);
    expect(finished).toEqual(["2018.04.28-first", "2018.04.28-second"]);
    expect(t.bot.context().engine.pack.version).toBe("2018.04.28-second");
  });
});
