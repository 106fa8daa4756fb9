import type { ChildProcess } from "node:child_process";
import { afterEach, describe, expect, it } from "vitest";
import { alice, embedOf, eventually, TEST_APPLICATION_ID, TEST_TOKEN } from "../fake-discord/harness.js";
import { FAKE_PERMISSIONS, FakeDiscord, type FakeDiscordOptions } from "../fake-discord/server.js";
import { packCopy } from "../support/packs.js";
import { startProcess } from "../support/processes.js";

const children: ChildProcess[] = [];
const fakes: FakeDiscord[] = [];
afterEach(async () => {
  for (const child of children.splice(0)) child.kill("SIGKILL");
  await Promise.all(fakes.splice(0).map((f) => f.close()));
});

const start = (script: string, env: Record<string, string>, options?: { direct?: boolean }) =>
  startProcess(script, env, children, options);

async function fake(options: Partial<FakeDiscordOptions> = {}): Promise<FakeDiscord> {
  const f = await FakeDiscord.start({
    token: TEST_TOKEN,
    applicationId: TEST_APPLICATION_ID,
    heartbeatIntervalMs: 1000,
    ...options,
  });
  fakes.push(f);
  return f;
}

const botEnv = (f: FakeDiscord) => ({
  DISCORD_TOKEN: TEST_TOKEN,
  DISCORD_APPLICATION_ID: TEST_APPLICATION_ID,
  DISCORD_API_URL: f.apiUrl,
  COOLDOWNS: "*=0",
});

describe("the bot and deploy-commands as operators run them", { timeout: 60_000 }, () => {
  it("names every missing variable at once, one line each, exit code 1", async () => {
    const { exited, output } = start("src/main.ts", {});
    expect(await exited).toBe(1);
    expect(output().trim().split("\n")).toEqual([
      "Configuration error: DISCORD_TOKEN is required",
      "Configuration error: DISCORD_APPLICATION_ID is required",
    ]);
  });

  it("starts, answers /history 1950, /photo 5 and /ask through the real client, and stops on SIGTERM", async () => {
    const f = await fake();
    const bot = start("src/main.ts", botEnv(f));
    await f.waitForReady();
    const history = await f.sendCommand({
      name: "history",
      options: [{ name: "query", type: 3, value: "1950" }],
      user: alice,
    });
    expect(embedOf(history).description).toContain("war broke out in **1950**");
    const photo = await f.sendCommand({ name: "photo", options: [{ name: "number", type: 4, value: 5 }], user: alice });
    expect(photo.files[0]?.name).toBe("slide-5.png");
    const answer = await f.sendCommand({
      name: "ask",
      options: [{ name: "question", type: 3, value: "what did kim pledge" }],
      user: alice,
    });
    expect(embedOf(answer).description).toContain("denuclearization");
    const stopAsked = Date.now();
    bot.child.kill("SIGTERM");
    expect(await bot.exited).toBe(0);
    // A behaviour bound, not a benchmark: orchestrators kill after 5 s.
    expect(Date.now() - stopAsked).toBeLessThan(5000);
    expect(bot.output()).toContain('"msg":"ready"');
    expect(bot.output()).not.toContain(TEST_TOKEN);
    expect(f.specViolations).toEqual([]);
  });

  it("says in one line that Discord rejected the token, exit code 1, without retrying", async () => {
    const f = await fake();
    const bot = start("src/main.ts", { ...botEnv(f), DISCORD_TOKEN: "MTAwMDAwMDAwMDAwMDAwMDAx.wrong.token-value" });
    expect(await bot.exited).toBe(1);
    expect(bot.output().trim().split("\n").at(-1)).toBe(
      "Discord rejected the token: check DISCORD_TOKEN (Bot page of the developer portal).",
    );
    expect(f.requests.filter((r) => r.path === "/gateway/bot")).toHaveLength(1);
  });

  it("says the same when the gateway closes with 4004", async () => {
    const f = await fake({ gatewayToken: "a-different-token" });
    const bot = start("src/main.ts", botEnv(f));
    expect(await bot.exited).toBe(1);
    expect(bot.output().trim().split("\n").at(-1)).toBe(
      "Discord rejected the token: check DISCORD_TOKEN (Bot page of the developer portal).",
    );
    expect(bot.output()).not.toMatch(/^\s+at /m);
    expect(f.connections).toBe(1);
  });

  it("says in one line what to set when Discord requires more shards (close 4011), exit code 1", async () => {
    const f = await fake({ shards: 2, requiredShards: 2 });
    const bot = start("src/main.ts", { ...botEnv(f), SHARD_COUNT: "1" });
    expect(await bot.exited).toBe(1);
    expect(bot.output().trim().split("\n").at(-1)).toBe(
      "Discord requires more shards than SHARD_COUNT=1 (gateway close 4011): set SHARD_COUNT=auto, or at least 2 (Discord's recommendation) in every process.",
    );
    expect(bot.output()).not.toMatch(/^\s+at /m);
  });

  it("refuses to start with a broken content pack, naming file and field", async () => {
    const f = await fake();
    const { dir, cleanup } = await packCopy(({ article }) => void (article.paragraphs[0].text = ""));
    try {
      const bot = start("src/main.ts", { ...botEnv(f), CONTENT_DIR: dir });
      expect(await bot.exited).toBe(1);
      expect(bot.output()).toMatch(/article\.yaml: paragraph p1 \(line \d+\), text: must not be empty/);
      expect(f.requests).toEqual([]);
    } finally {
      await cleanup();
    }
  });

  it("answers what it has in flight when SIGTERM arrives during a burst, then exits 0 within 5 s", async () => {
    const f = await fake();
    const bot = start("src/main.ts", botEnv(f));
    await f.waitForReady();
    const burst = Array.from({ length: 40 }, (_, i) =>
      f
        .sendCommand({
          name: "ask",
          options: [{ name: "question", type: 3, value: "who won the korean war" }],
          user: { ...alice, id: String(200000000000001000n + BigInt(i)) },
        })
        .catch(() => undefined),
    );
    await eventually(() => f.requests.some((r) => r.path.startsWith("/interactions/")), "a first answer");
    const stopAsked = Date.now();
    bot.child.kill("SIGTERM");
    expect(await bot.exited).toBe(0);
    expect(Date.now() - stopAsked).toBeLessThan(5000);
    const answered = (await Promise.all(burst)).filter((r) => r !== undefined);
    expect(answered.length).toBeGreaterThan(0);
    for (const response of answered) expect(f.callbackAttempts(response.interactionId)).toBe(1);
    expect(bot.output()).toContain('"msg":"stopped"');
  });

  it("on SIGTERM during /gallery post, stops posting, tells the moderator how to resume, and logs what was left", async () => {
    const modRole = "500000000000000001";
    const mod = { ...alice, id: "200000000000000003", username: "mod" };
    const news = "300000000000000002";
    const guild = "400000000000000001";
    const f = await fake({
      guilds: [
        {
          id: guild,
          name: "Korea Watchers",
          roles: [{ id: modRole, name: "Moderator", permissions: FAKE_PERMISSIONS.ManageMessages }],
          channels: [{ id: news, name: "news" }],
          memberRoles: { [mod.id]: [modRole] },
        },
      ],
    });
    const bot = start("src/main.ts", botEnv(f));
    await f.waitForReady();
    // The fourth slide is held up by a rate limit: SIGTERM arrives while it waits.
    f.failNext({
      method: "POST",
      path: /^\/channels\/\d+\/messages$/,
      after: 3,
      status: 429,
      headers: { "retry-after": "1" },
      body: { message: "You are being rate limited.", retry_after: 1, global: false },
    });
    const started = await f.sendCommand({
      name: "gallery",
      guildId: guild,
      user: mod,
      resolvedChannels: [news],
      options: [{ name: "post", type: 1, options: [{ name: "channel", type: 7, value: news }] }],
    });
    await eventually(
      () => f.requests.filter((r) => r.method === "POST" && r.path === `/channels/${news}/messages`).length === 4,
      "the fourth slide's first attempt",
    );
    bot.child.kill("SIGTERM");
    expect(await bot.exited).toBe(0);
    const posted = f.channelMessages.get(news)?.length ?? 0;
    expect(posted).toBeLessThan(8);
    const last = f.responsesTo(started.interactionId).at(-1)?.data.content;
    expect(last).toBe(
      `Posted slides 1-${posted} to <#${news}>; slides ${posted + 1}-8 were not posted (the bot is shutting down). To finish, run /gallery post channel:<#${news}> from:${posted + 1} to:8.`,
    );
    const line = bot
      .output()
      .split("\n")
      .find((l) => l.includes('"msg":"gallery post stopped"'));
    expect(JSON.parse(line ?? "{}")).toMatchObject({
      reason: "shutting down",
      left: Array.from({ length: 8 - posted }, (_, i) => posted + 1 + i),
    });
  });

  it("survives a SIGHUP in the first instant of start-up, and reloads the pack once it is up", async () => {
    const f = await fake();
    // Discovery is held up 2 s by a rate limit: the SIGHUP arrives while the bot is starting.
    f.failNext({
      method: "GET",
      path: /^\/gateway\/bot$/,
      status: 429,
      headers: { "retry-after": "2" },
      body: { message: "You are being rate limited.", retry_after: 2, global: false },
    });
    const bot = start("src/main.ts", botEnv(f), { direct: true });
    await eventually(() => f.requests.some((r) => r.path === "/gateway/bot"), "the bot to ask for the gateway", 15_000);
    bot.child.kill("SIGHUP");
    const died = bot.exited.then((code) => Promise.reject(new Error(`the bot exited (${code}): ${bot.output()}`)));
    await Promise.race([f.waitForReady(), died]);
    const history = await f.sendCommand({
      name: "history",
      options: [{ name: "query", type: 3, value: "1950" }],
      user: alice,
    });
    expect(embedOf(history).description).toContain("war broke out in **1950**");
    await eventually(() => bot.output().includes('"msg":"content pack reloaded"'), "the reload asked for at start-up");
    expect(bot.child.exitCode).toBeNull();
  });

  it("deploy-commands registers the commands to the guild, and a second run changes nothing", async () => {
    const f = await fake();
    const guild = f.guilds[0]?.id ?? "";
    const first = start("src/deploy-commands.ts", { ...botEnv(f), DISCORD_GUILD_ID: guild });
    expect(await first.exited).toBe(0);
    expect(first.output()).toContain(
      `Registered 10 commands for guild ${guild}: /ask, /history, /photo, /search, /slideshow, /about, /help, Answer from the article, /gallery, /reload`,
    );
    expect(f.commands.get(guild)?.map((c) => c.name)).toEqual([
      "ask",
      "history",
      "photo",
      "search",
      "slideshow",
      "about",
      "help",
      "Answer from the article",
      "gallery",
      "reload",
    ]);
    const second = start("src/deploy-commands.ts", { ...botEnv(f), DISCORD_GUILD_ID: guild });
    expect(await second.exited).toBe(0);
    expect(second.output()).toContain("Already up to date");
    expect(f.requests.filter((r) => r.method === "PUT")).toHaveLength(1);
    expect(f.specViolations).toEqual([]);
  });
});
