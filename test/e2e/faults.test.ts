import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  alice,
  embedOf,
  eventually,
  startBotUnderTest,
  TEST_TOKEN,
  type BotUnderTest,
} from "../fake-discord/harness.js";
import { RESTEvents, Routes, type RateLimitData } from "discord.js";
import { GENERAL_CHANNEL_ID, type InteractionResponse } from "../fake-discord/server.js";

let t: BotUnderTest;
let DEFAULT_LIMIT: BotUnderTest["fake"]["rateLimit"];
beforeAll(async () => {
  t = await startBotUnderTest();
  DEFAULT_LIMIT = t.fake.rateLimit;
});
afterAll(async () => {
  await t?.close();
});

const history = (query: string) =>
  t.fake.sendCommand({ name: "history", options: [{ name: "query", type: 3, value: query }], user: alice });

/** Fires interactions while something goes wrong, then checks each was answered exactly once. */
async function answeredExactlyOnce(during: () => void | Promise<void>): Promise<void> {
  const before = [history("1950"), history("1948")];
  await during();
  const after = [history("1945"), history("1910 to 1948"), history("1940s")];
  const responses: InteractionResponse[] = await Promise.all([...before, ...after]);
  for (const response of responses) {
    expect(embedOf(response).description?.length).toBeGreaterThan(0);
    expect(t.fake.callbackAttempts(response.interactionId)).toBe(1);
  }
}

describe("gateway faults: the session resumes and nothing is lost or answered twice", () => {
  it.each([4000, 1001])("close %i mid-stream", async (code) => {
    const resumes = t.fake.resumes;
    await answeredExactlyOnce(() => t.fake.closeGateway(code));
    expect(t.fake.resumes).toBe(resumes + 1);
  });

  it("op 7 RECONNECT", async () => {
    const resumes = t.fake.resumes;
    await answeredExactlyOnce(async () => {
      t.fake.sendOp(7);
      await eventually(() => t.fake.resumes > resumes, "the bot to reconnect and resume");
    });
  });

  it("missed heartbeat ACKs (a zombie connection)", async () => {
    await answeredExactlyOnce(async () => {
      const resumes = t.fake.resumes;
      t.fake.ackHeartbeats = false;
      await eventually(() => t.fake.resumes > resumes, "the bot to drop the zombie connection and resume", 10_000);
      t.fake.ackHeartbeats = true;
    });
  }, 20_000);
});

describe("REST faults", () => {
  it("retries a 429 on the callback and answers once", async () => {
    t.fake.failNext({
      method: "POST",
      path: /^\/interactions\/\d+\/[^/]+\/callback$/,
      status: 429,
      headers: { "retry-after": "0.2" },
      body: { message: "You are being rate limited.", retry_after: 0.2, global: false },
    });
    const res = await history("1950");
    expect(embedOf(res).description).toContain("1950");
    expect(t.fake.callbackAttempts(res.interactionId)).toBe(2);
    expect(t.fake.responsesTo(res.interactionId)).toHaveLength(1);
  });

  it("logs a callback that keeps failing with 500 with its interaction id, and answers the next one", async () => {
    t.fake.failNext({
      method: "POST",
      path: /^\/interactions\/\d+\/[^/]+\/callback$/,
      status: 500,
      times: 8,
      body: { message: "500: Internal Server Error", code: 0 },
    });
    const failed = history("1950").catch(() => undefined);
    const id = await eventually(() => t.fake.lastInteractionId, "the interaction to be sent");
    await failed;
    await eventually(
      () => t.logs.find((l) => l.includes(`"interaction":"${id}"`) && l.includes('"msg":"interaction failed"')),
      "the failure's log line",
      15_000,
    );
    t.fake.clearFaults();
    const next = await history("1948");
    expect(embedOf(next).description).toContain("1948");
  }, 30_000);

  it("logs an expired interaction (10062) at warn, without crashing", async () => {
    t.fake.failNext({
      method: "POST",
      path: /^\/interactions\/\d+\/[^/]+\/callback$/,
      status: 404,
      body: { message: "Unknown interaction", code: 10062 },
    });
    await history("1950").catch(() => undefined);
    await eventually(
      () => t.logs.find((l) => l.includes("interaction expired before it was answered") && l.includes('"level":40')),
      "the warn line",
    );
    expect(embedOf(await history("1948")).description).toContain("1948");
  }, 15_000);

  it("gets Unknown interaction (10062) for a first response later than Discord's 3 s, and logs it at warn", async () => {
    // A 429 that asks to wait 3.5 s holds the callback past the deadline.
    t.fake.failNext({
      method: "POST",
      path: /^\/interactions\/\d+\/[^/]+\/callback$/,
      status: 429,
      headers: { "retry-after": "3.5" },
      body: { message: "You are being rate limited.", retry_after: 3.5, global: false },
    });
    const late = history("1950").catch(() => undefined);
    const id = await eventually(() => t.fake.lastInteractionId, "the interaction to be sent");
    await eventually(
      () => t.logs.find((l) => l.includes(`"interaction":"${id}"`) && l.includes("interaction expired before it")),
      "the expiry's warn line",
      8000,
    );
    await late;
    expect(t.fake.callbackAttempts(id)).toBe(2);
    expect(t.fake.responsesTo(id)).toEqual([]);
  }, 15_000);
  it("logs a failed reply with its route, status and Discord's error, never the files it carried", async () => {
    t.fake.failNext({
      method: "POST",
      path: /^\/interactions\/\d+\/[^/]+\/callback$/,
      status: 400,
      body: { message: "Invalid Form Body", code: 50035, errors: { data: { _errors: [{ code: "X", message: "x" }] } } },
    });
    const reply = await t.fake.sendCommand({
      name: "photo",
      options: [{ name: "number", type: 4, value: 5 }],
      user: alice,
    });
    const line = await eventually(
      () =>
        t.logs.find((l) => l.includes(`"interaction":"${reply.interactionId}"`) && l.includes("interaction failed")),
      "the failure's log line",
    );
    expect(line.length).toBeLessThan(4096);
    expect(JSON.parse(line).err).toMatchObject({
      route: expect.stringMatching(/^POST \/api\/v10\/interactions\/\d+\/\[redacted\]\/callback$/),
      status: 400,
      code: 50035,
      message: expect.stringContaining("Invalid Form Body"),
    });
    expect(line).not.toMatch(/Buffer|\[\d+(,\d+){16}/);
  });

  it("sends what the rate-limit headers allow and waits for the bucket to reset, never meeting a 429", async () => {
    t.fake.rateLimit = { limit: 2, windowMs: 1000 };
    const waited: RateLimitData[] = [];
    const onRateLimited = (data: RateLimitData) => void waited.push(data);
    t.bot.client.rest.on(RESTEvents.RateLimited, onRateLimited);
    try {
      const path = `/channels/${GENERAL_CHANNEL_ID}/messages`;
      const before = t.fake.requests.filter((r) => r.path === path).length;
      const posts = Array.from({ length: 5 }, (_, i) =>
        t.bot.client.rest.post(Routes.channelMessages(GENERAL_CHANNEL_ID), { body: { content: `message ${i}` } }),
      );
      await Promise.all(posts);
      // Each request reached the fake once: discord.js held back the ones over the limit instead of being refused.
      expect(t.fake.requests.filter((r) => r.path === path).length - before).toBe(5);
      expect(waited.map((w) => w.route)).toContain("/channels/:id/messages");
    } finally {
      t.bot.client.rest.off(RESTEvents.RateLimited, onRateLimited);
      t.fake.rateLimit = DEFAULT_LIMIT;
    }
  });

  it("never puts the bot token or an interaction token in a log line or a reply, 500s and 404s included", () => {
    const all = t.logs.join("\n");
    expect(all).not.toContain(TEST_TOKEN);
    expect(all).not.toMatch(/aW50ZXJhY3Rpb246[\w-]{8,}/);
    const replies = t.fake.requests.map((r) => JSON.stringify(r.body ?? "")).join("\n");
    expect(replies).not.toContain(TEST_TOKEN);
    expect(replies).not.toMatch(/aW50ZXJhY3Rpb246[\w-]{8,}/);
    expect(t.fake.specViolations).toEqual([]);
  });
});
