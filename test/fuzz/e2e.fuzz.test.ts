import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { commands } from "../../commands/index.js";
import { loadArticlePack } from "../../src/content/read-pack.js";
import type { DiscordReply } from "../../src/discord/render.js";
import { bob, eventually, startBotUnderTest, type BotUnderTest } from "../fake-discord/harness.js";
import { GENERAL_CHANNEL_ID } from "../fake-discord/server.js";
import { hostileNumber, hostileText, replyProblems } from "../support/hostile-input.js";

/** A smaller sample end to end: each run is a real interaction through the fake and the real client. */
const RUNS = Number(process.env.FUZZ_E2E_RUNS ?? 100);

let t: BotUnderTest;
beforeAll(async () => {
  // Its subject is what the bot answers, not how fast: on two loaded cores a reply may pass Discord's 3 s.
  t = await startBotUnderTest({ CHAT_LIMITS: "member=1/3,channel=1000/1" }, { interactionDeadlineMs: 30_000 });
});
afterAll(async () => {
  await t?.close();
});

type ApiOption = { name: string; type: number; value?: unknown; options?: ApiOption[]; focused?: boolean };

const pack = await loadArticlePack("content/korea-summit");

function declaredOptions(name: string): ApiOption[] {
  const data = commands.find((c) => c.name === name)?.data(pack);
  return (data?.options ?? []) as ApiOption[];
}

/** Options as Discord would send them, with hostile values, some left out. */
function interactionOptions(name: string): fc.Arbitrary<ApiOption[]> {
  const declared = declaredOptions(name);
  const sub = declared.find((o) => o.type === 1);
  const leaves = sub ? (sub.options ?? []) : declared;
  const value = (o: ApiOption): fc.Arbitrary<unknown> =>
    o.type === 3
      ? hostileText.filter((s) => s.length > 0)
      : o.type === 4
        ? hostileNumber.filter(Number.isFinite)
        : o.type === 5
          ? fc.boolean()
          : o.type === 6
            ? fc.constant(bob.id)
            : fc.constant(GENERAL_CHANNEL_ID);
  const chosen = fc.tuple(
    ...leaves.map((o) =>
      fc.option(
        value(o).map((v): ApiOption => ({ name: o.name, type: o.type, value: v })),
        { nil: undefined },
      ),
    ),
  );
  return chosen.map((list: Array<ApiOption | undefined>): ApiOption[] => {
    const present = list.filter((o): o is ApiOption => o !== undefined);
    return sub ? [{ name: sub.name, type: 1, options: present }] : present;
  });
}

function asReply(data: Record<string, unknown>): DiscordReply {
  return {
    ...(typeof data.content === "string" ? { content: data.content } : {}),
    embeds: (data.embeds as DiscordReply["embeds"]) ?? [],
    components: (data.components as DiscordReply["components"]) ?? [],
    files: [],
    allowedMentions: (data.allowed_mentions as DiscordReply["allowedMentions"]) ?? { parse: [] },
  };
}

describe.each(commands.filter((c) => !c.menu).map((c) => c.name))("/%s end to end with hostile input", (name) => {
  it(`answers every interaction exactly once, with bodies Discord accepts (${RUNS} runs)`, async () => {
    await fc.assert(
      fc.asyncProperty(interactionOptions(name), async (options) => {
        const flat = options.flatMap((o) => o.options ?? [o]);
        const mentions = flat.some((o) => o.name === "mention");
        const response = await t.fake.sendCommand({
          name,
          options,
          resolvedUsers: mentions ? [bob] : [],
          resolvedChannels: flat.some((o) => o.type === 7) ? [GENERAL_CHANNEL_ID] : [],
        });
        expect(t.fake.callbackAttempts(response.interactionId)).toBe(1);
        expect(replyProblems(asReply(response.data), mentions ? bob.id : undefined)).toEqual([]);
      }),
      { numRuns: RUNS },
    );
    expect(t.fake.specViolations).toEqual([]);
  }, 120_000);

  const focusable = declaredOptions(name).filter((o) => o.type === 3);
  if (commands.find((c) => c.name === name)?.autocomplete && focusable.length > 0) {
    it(`autocompletes hostile text for every focused option (${RUNS} runs)`, async () => {
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...focusable.map((o) => o.name)), hostileText, async (focused, value) => {
          const choices = await t.fake.sendAutocomplete({
            name,
            options: [{ name: focused, type: 3, value, focused: true }],
          });
          expect(choices.length).toBeLessThanOrEqual(25);
        }),
        { numRuns: RUNS },
      );
      expect(t.fake.specViolations).toEqual([]);
    }, 120_000);
  }
});

describe("messages end to end with hostile content", () => {
  const quiet = { parse: [], replied_user: false };
  const repliedTo = (id: string) =>
    eventually(() => t.fake.repliesTo(id)[0], "a reply", 30_000) as Promise<Record<string, unknown>>;

  it(`answers every mention and DM once, quietly, with bodies Discord accepts (${RUNS} runs)`, async () => {
    // One member asking many times: the flood limits are not the subject here.
    let n = 0;
    await fc.assert(
      fc.asyncProperty(hostileText, fc.boolean(), async (text, dm) => {
        const author = { ...bob, id: String(200000000000100000n + BigInt((n += 1))) };
        const content = dm ? text : `<@${t.fake.botUser.id}> ${text}`;
        const asked = t.fake.postMessage({ content, author, ...(dm ? { guildId: null } : {}) });
        const reply = await repliedTo(asked.id as string);
        expect(t.fake.repliesTo(asked.id as string)).toHaveLength(1);
        const body = t.fake.requests.find(
          (r) =>
            (r.body as { message_reference?: { message_id?: string } })?.message_reference?.message_id === asked.id,
        )?.body as Record<string, unknown>;
        expect(body.allowed_mentions).toEqual(quiet);
        expect(replyProblems({ ...asReply(reply), allowedMentions: { parse: [] } })).toEqual([]);
      }),
      { numRuns: RUNS },
    );
    expect(t.fake.specViolations).toEqual([]);
  }, 120_000);

  it(`answers the message menu on any message, privately (${RUNS} runs)`, async () => {
    await fc.assert(
      fc.asyncProperty(hostileText, async (text) => {
        const target = t.fake.postMessage({ content: text, author: bob });
        const response = await t.fake.sendMessageCommand({ name: "Answer from the article", target });
        expect(t.fake.callbackAttempts(response.interactionId)).toBe(1);
        expect(response.data.flags).toBe(64);
        expect(replyProblems(asReply(response.data))).toEqual([]);
      }),
      { numRuns: RUNS },
    );
    expect(t.fake.specViolations).toEqual([]);
  }, 120_000);
});
