import type { APIEmbed } from "discord-api-types/v10";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  alice,
  bob,
  embedOf,
  eventually,
  launchBot,
  startBotUnderTest,
  type BotUnderTest,
} from "../fake-discord/harness.js";
import { GENERAL_CHANNEL_ID, INTENTS, type FakeUser } from "../fake-discord/server.js";

const NEWS = "300000000000000002";
const THREAD = "300000000000000003";
const ROLE = "400000000000000001";

let t: BotUnderTest;
let mention: string;
beforeAll(async () => {
  // Flood limits are tested on their own below; here one member asks many times.
  t = await startBotUnderTest(
    { CHAT_LIMITS: "member=100/1,channel=100/1" },
    {
      guilds: [
        {
          id: "500000000000000001",
          name: "Test Server",
          roles: [{ id: ROLE, name: "bots", permissions: 0n }],
          channels: [
            { id: NEWS, name: "news" },
            { id: THREAD, name: "questions", threadOf: NEWS },
          ],
        },
      ],
    },
  );
  mention = `<@${t.fake.botUser.id}>`;
});
afterAll(async () => {
  await t?.close();
});

/** The bot's reply to a message, once it has come. */
const replyTo = (message: Record<string, unknown>) =>
  eventually(() => t.fake.repliesTo(message.id as string)[0], `a reply to ${String(message.content)}`);
/** The bot's reply to a message, once the bot is done with it (a reply to the reply can follow it up). */
const handledReplyTo = async (message: Record<string, unknown>) => {
  await eventually(
    () => t.logs.some((l) => l.includes(`"message":"${String(message.id)}"`) && l.includes("message handled")),
    `the bot to be done with ${String(message.content)}`,
  );
  return replyTo(message);
};
/** The body of the bot's reply to a message, as it sent it. */
const sentBody = (message: Record<string, unknown>) =>
  t.fake.requests.find(
    (r) => (r.body as { message_reference?: { message_id?: string } })?.message_reference?.message_id === message.id,
  )?.body as Record<string, unknown>;
const embedIn = (message: Record<string, unknown>) => (message.embeds as APIEmbed[])[0] as APIEmbed;

/**
 * Posts `ignored`, then a question in the same channel, and returns what the bot replied to `ignored` once the
 * question is answered: replies in a channel go out in the order the messages came.
 */
async function repliesAfter(ignored: Record<string, unknown>, channelId?: string): Promise<unknown[]> {
  const sentinel = t.fake.postMessage({ content: `${mention} what is the dmz`, author: bob, channelId });
  await replyTo(sentinel);
  return t.fake.repliesTo(ignored.id as string);
}

describe("asking in conversation", () => {
  it("identifies with the two message intents only, never Message Content", () => {
    const intents = t.fake.identifiedIntents.at(-1) ?? 0;
    expect(intents & (INTENTS.GuildMessages | INTENTS.DirectMessages)).toBe(
      INTENTS.GuildMessages | INTENTS.DirectMessages,
    );
    expect(intents & INTENTS.MessageContent).toBe(0);
  });

  it("answers a mention with a quiet reply carrying the same embed as /ask", async () => {
    const question = "who invaded the south in 1950?";
    const asked = t.fake.postMessage({ content: `${mention} ${question}`, author: alice });
    const reply = await replyTo(asked);
    const slash = await t.fake.sendCommand({
      name: "ask",
      options: [{ name: "question", type: 3, value: question }],
      user: alice,
    });
    expect(reply.channel_id).toBe(GENERAL_CHANNEL_ID);
    expect(embedIn(reply)).toEqual(embedOf(slash));
    expect(sentBody(asked).allowed_mentions).toEqual({ parse: [], replied_user: false });
    expect(reply.flags ?? 0).toBe(0);
    expect(t.fake.specViolations).toEqual([]);
  });

  it("attaches the slide's picture when the answer is a slide", async () => {
    const reply = await replyTo(
      t.fake.postMessage({ content: `${mention} what does the third pic show`, author: alice }),
    );
    expect(embedIn(reply).image?.url).toBe("attachment://slide-3.png");
    expect((reply.files as unknown[]).length).toBe(1);
  });

  it("offers passages when unsure, as /ask does", async () => {
    const reply = await replyTo(
      t.fake.postMessage({ content: `${mention} did the truce come before the handshake`, author: alice }),
    );
    expect(embedIn(reply).description).toContain("I'm not sure");
    const buttons = (reply.components as Array<{ components: Array<{ custom_id: string }> }>)[0]?.components;
    expect(buttons?.[0]?.custom_id).toMatch(/^offer:/);
  });

  it("says briefly what the article does not cover", async () => {
    const reply = await replyTo(
      t.fake.postMessage({ content: `How many people died in the Korean War, ${mention}?`, author: alice }),
    );
    expect(embedIn(reply).description).toContain("doesn't say anything about that");
    expect(embedIn(reply).fields).toBeUndefined();
    expect(reply.flags ?? 0).toBe(0);
  });

  it("hints how to ask when mentioned without a question", async () => {
    const asked = t.fake.postMessage({ content: mention, author: alice });
    const reply = await replyTo(asked);
    expect(reply.content).toMatch(/^Ask me about the article/);
    expect(sentBody(asked).allowed_mentions).toEqual({ parse: [], replied_user: false });
    expect(String(reply.content)).not.toContain("\n");
  });

  it("points to the message menu for a bare mention in reply to someone else's message", async () => {
    const question = t.fake.postMessage({ content: "who signed the armistice?", author: bob });
    const reply = await replyTo(t.fake.postMessage({ content: mention, author: alice, replyTo: question }));
    expect(reply.content).toContain("Answer from the article");
  });

  it("answers in the thread it was asked in", async () => {
    const asked = t.fake.postMessage({ content: `${mention} what is the dmz`, author: alice, channelId: THREAD });
    const reply = await replyTo(asked);
    expect(reply.channel_id).toBe(THREAD);
    expect(embedIn(reply).description).toContain("demilitarized zone");
  });

  it("answers every message in a DM, without a mention", async () => {
    const asked = t.fake.postMessage({ content: "what is the dmz", author: alice, guildId: null });
    const reply = await replyTo(asked);
    expect(reply.channel_id).toBe(t.fake.dmChannelOf(alice));
    expect(embedIn(reply).description).toContain("demilitarized zone");
  });

  const otherBot: FakeUser = { id: "200000000000000077", username: "otherbot", bot: true };
  const webhook: FakeUser = { id: "600000000000000001", username: "news feed" };
  it.each([
    ["another bot", { content: "@bot what is the dmz", author: otherBot, mentionsBot: true }],
    ["a webhook", { content: "what is the dmz", author: webhook, webhookId: webhook.id, mentionsBot: true }],
    ["@everyone", { content: "@everyone what is the dmz" }],
    ["@here", { content: "@here what is the dmz" }],
    ["a role the bot has", { content: `<@&${ROLE}> what is the dmz` }],
    ["a message that does not mention it", { content: "what is the dmz" }],
  ])("ignores %s", async (_, input) => {
    const content = "mentionsBot" in input ? `${mention} ${input.content}` : input.content;
    const ignored = t.fake.postMessage({ author: alice, ...input, content });
    expect(await repliesAfter(ignored)).toEqual([]);
  });

  it("ignores its own messages", async () => {
    const answered = t.fake.postMessage({ content: `${mention} what is the dmz`, author: alice });
    const own = await replyTo(answered);
    expect(await repliesAfter(own)).toEqual([]);
  });

  it("logs each message it answers through the dispatcher", () => {
    const lines = t.logs.filter((l) => l.includes('"kind":"message"'));
    expect(lines.some((l) => l.includes('"command":"mention"') && l.includes('"outcome":"answered"'))).toBe(true);
    expect(lines.some((l) => l.includes('"command":"dm"'))).toBe(true);
    expect(t.fake.specViolations).toEqual([]);
  });
});

describe("following up an answer", () => {
  const question = "who invaded the south in 1950?";
  /** The bot's answer to a question asked by mention. */
  const answered = () => handledReplyTo(t.fake.postMessage({ content: `${mention} ${question}`, author: alice }));
  /** The bot's reply to `text` sent in reply to `message` (with ping on, as Discord's default is). */
  const followUp = (message: Record<string, unknown>, text: string) =>
    handledReplyTo(t.fake.postMessage({ content: text, author: bob, replyTo: message }));
  /** What the bot sent for its reply to `message`. */
  const bodyReplying = (message: Record<string, unknown>) =>
    t.fake.requests.find(
      (r) => (r.body as { embeds?: APIEmbed[] })?.embeds?.[0]?.description === embedIn(message).description,
    )?.body as Record<string, unknown>;
  const shownIn = (message: Record<string, unknown>) => JSON.stringify(embedIn(message));

  it("shows the next related passage for 'more', and goes on from there", async () => {
    const first = await answered();
    const second = await followUp(first, "more");
    const third = await followUp(second, "next please");
    const [a, b, c] = [embedIn(first), embedIn(second), embedIn(third)];
    expect(b.description).toBeTruthy();
    expect(c.description).toBeTruthy();
    expect(shownIn(first)).not.toContain(String(b.description).slice(0, 60));
    expect(new Set([a.description, b.description, c.description]).size).toBe(3);
    expect(bodyReplying(second).allowed_mentions).toEqual({ parse: [], replied_user: false });
  });

  it("shows the photo of what it answered, and the date of it", async () => {
    const first = await handledReplyTo(
      t.fake.postMessage({ content: `${mention} where did the leaders shake hands`, author: alice }),
    );
    const photo = await followUp(first, "show me the photo");
    expect(embedIn(photo).image?.url).toMatch(/^attachment:\/\/slide-\d\.png$/);
    expect((photo.files as unknown[]).length).toBe(1);
    const when = await followUp(await answered(), "when was that?");
    expect(embedIn(when).description).toMatch(/When: [^.]*1950/);
  });

  it("treats anything else in reply to an answer as a new question", async () => {
    const reply = await followUp(await answered(), "what is the dmz");
    expect(embedIn(reply).description).toContain("demilitarized zone");
  });

  it("treats a follow-up to an answer it no longer knows, after a restart, as a new question", async () => {
    const fresh = await startBotUnderTest();
    let restarted: Awaited<ReturnType<typeof launchBot>> | undefined;
    try {
      const botMention = `<@${fresh.fake.botUser.id}>`;
      const asked = fresh.fake.postMessage({ content: `${botMention} ${question}`, author: alice });
      const first = await eventually(() => fresh.fake.repliesTo(asked.id as string)[0], "the first answer");
      await fresh.bot.stop();
      restarted = await launchBot(fresh.fake);
      await (
        await restarted.started
      ).ready;
      const message = fresh.fake.postMessage({ content: "more", author: alice, replyTo: first });
      const reply = await eventually(() => fresh.fake.repliesTo(message.id as string)[0], "a reply after the restart");
      const slash = await fresh.fake.sendCommand({
        name: "ask",
        options: [{ name: "question", type: 3, value: "more" }],
      });
      // A new question "more": the short "not in the article" of a channel, where /ask adds the topics.
      expect(embedIn(reply).description).toBe(embedOf(slash).description);
      expect(embedIn(reply).title).toBe("Not in the article");
    } finally {
      await (await restarted?.started)?.stop();
      await fresh.fake.close();
    }
  });
});

describe("the message menu", () => {
  it("answers any message's text privately, with a button that posts the answer quietly", async () => {
    const target = t.fake.postMessage({ content: "hey what is the dmz anyway", author: bob });
    const answered = await t.fake.sendMessageCommand({ name: "Answer from the article", target, user: alice });
    expect(answered.data.flags).toBe(64);
    expect(embedOf(answered).description).toContain("demilitarized zone");
    const rows = answered.data.components as Array<{ components: Array<{ custom_id: string; label: string }> }>;
    const post = rows.flatMap((r) => r.components).find((b) => b.label === "Post in channel");
    expect(post).toBeDefined();
    const posted = await t.fake.clickButton({ customId: post!.custom_id, message: answered.message, user: alice });
    expect(posted.type).toBe(4);
    expect(posted.data.flags ?? 0).toBe(0);
    expect(posted.data.allowed_mentions).toEqual({ parse: [] });
    expect(embedOf(posted).description).toContain("demilitarized zone");
    expect(t.fake.specViolations).toEqual([]);
  });

  it("offers no button to post what the article does not have", async () => {
    const target = t.fake.postMessage({ content: "how many people died in the korean war", author: bob });
    const declined = await t.fake.sendMessageCommand({ name: "Answer from the article", target, user: alice });
    expect(declined.data.flags).toBe(64);
    expect(JSON.stringify(declined.data.components ?? [])).not.toContain("Post in channel");
  });
});

describe("asking in conversation when turned off", () => {
  it("subscribes to no message events and answers no mention", async () => {
    const off = await startBotUnderTest({ ASK_IN_CHAT: "off" });
    try {
      expect(off.fake.identifiedIntents.at(-1)).toBe(1);
      const asked = off.fake.postMessage({ content: `<@${off.fake.botUser.id}> what is the dmz`, author: alice });
      const slash = await off.fake.sendCommand({ name: "ask", options: [{ name: "question", type: 3, value: "x" }] });
      expect(slash.type).toBe(4);
      expect(off.fake.repliesTo(asked.id as string)).toEqual([]);
      const target = off.fake.postMessage({ content: "what is the dmz", author: bob });
      const menu = await off.fake.sendMessageCommand({ name: "Answer from the article", target, user: alice });
      expect(menu.data.content).toContain("I don't know that command");
    } finally {
      await off.close();
    }
  });
});

describe("flood limits", () => {
  let f: BotUnderTest;
  beforeAll(async () => {
    f = await startBotUnderTest();
  });
  afterAll(async () => {
    await f?.close();
  });
  const ask = (author: FakeUser) =>
    f.fake.postMessage({ content: `<@${f.fake.botUser.id}> what is the dmz`, author, channelId: GENERAL_CHANNEL_ID });
  const throttled = (message: Record<string, unknown>) =>
    eventually(
      () => f.logs.find((l) => l.includes(`"message":"${String(message.id)}"`) && l.includes('"outcome":"throttled"')),
      "the message to be throttled",
    );

  it("answers a member once in three seconds and a channel five times in ten, then stays silent", async () => {
    const members = [alice, bob, 3, 4, 5, 6].map((n) =>
      typeof n === "number" ? { ...alice, id: `20000000000000001${n}`, username: `m${n}` } : n,
    );
    const first = ask(alice);
    const again = ask(alice);
    const others = members.slice(1).map(ask);
    await throttled(again);
    await throttled(others.at(-1) as Record<string, unknown>);
    for (const answered of [first, ...others.slice(0, 4)])
      expect(await eventually(() => f.fake.repliesTo(answered.id as string)[0], "an answer")).toBeDefined();
    expect(f.fake.repliesTo(again.id as string)).toEqual([]);
    expect(f.fake.repliesTo((others.at(-1) as Record<string, unknown>).id as string)).toEqual([]);
    expect(f.fake.channelMessages.get(GENERAL_CHANNEL_ID)?.filter((m) => m.message_reference)).toHaveLength(5);
  });
});
