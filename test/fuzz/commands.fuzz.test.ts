import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { commands, type CommandContext, type RawOptions } from "../../commands/index.js";
import { loadArticlePack } from "../../src/content/read-pack.js";
import { conversationalReply } from "../../src/discord/conversation.js";
import { renderReply, type DiscordReply } from "../../src/discord/render.js";
import { DISCORD_LIMITS } from "../../src/limits.js";
import { answerQuestion, createSearchEngine } from "../../src/search/engine.js";
import { validateDiscordRequest } from "../fake-discord/openapi.js";
import { asCallbackData, FUZZ_RUNS, hostileNumber, hostileText, replyProblems } from "../support/hostile-input.js";

let context: CommandContext;
beforeAll(async () => {
  context = { engine: createSearchEngine(await loadArticlePack("content/korea-summit")), commands, surface: "discord" };
});

const CALLBACK = "/interactions/123456789012345678/token/callback";
const mentionTarget = "200000000000000002";

/** Random values for every option a command declares (or leaves out), typed as Discord sends them. */
function optionsFor(name: string): fc.Arbitrary<RawOptions> {
  const data = commands.find((c) => c.name === name)?.data(context.engine.pack);
  const declared = (data?.options ?? []).flatMap((o) => ("options" in o && o.type === 1 ? (o.options ?? []) : [o]));
  const record: Record<string, fc.Arbitrary<unknown>> = {};
  for (const option of declared) {
    const value: fc.Arbitrary<unknown> =
      option.type === 3
        ? hostileText
        : option.type === 4 || option.type === 10
          ? hostileNumber
          : option.type === 5
            ? fc.boolean()
            : option.type === 6
              ? fc.constant(mentionTarget)
              : fc.constant("300000000000000001");
    record[option.name] = fc.option(value, { nil: undefined });
  }
  return fc.record(record) as fc.Arbitrary<RawOptions>;
}

describe.each(commands.map((c) => c.name))("/%s with hostile input", (name) => {
  it(`never throws and renders a reply Discord accepts, within limits, pinging only the mention (${FUZZ_RUNS} runs)`, () => {
    const command = commands.find((c) => c.name === name);
    fc.assert(
      fc.property(optionsFor(name), (options) => {
        const { reply } = command!.execute(context, options);
        const mention = typeof options.mention === "string" ? options.mention : undefined;
        const rendered = renderReply(reply, context.engine.pack, {
          userId: "200000000000000001",
          hide: options.hide === true,
          mention,
        });
        expect(replyProblems(rendered, reply.answered ? mention : undefined)).toEqual([]);
        expect(validateDiscordRequest("POST", CALLBACK, { type: 4, data: asCallbackData(rendered) })).toEqual([]);
      }),
      { numRuns: FUZZ_RUNS },
    );
  }, 120_000);

  const autocompleted = commands.find((c) => c.name === name)?.autocomplete;
  if (autocompleted) {
    it(`autocompletes any focused text within Discord's limits (${FUZZ_RUNS} runs)`, () => {
      fc.assert(
        fc.property(hostileText, fc.constantFrom("query", "question", "words"), (value, focused) => {
          const choices = autocompleted(context, { name: focused, value });
          expect(choices.length).toBeLessThanOrEqual(DISCORD_LIMITS.choices);
          expect(validateDiscordRequest("POST", CALLBACK, { type: 8, data: { choices } })).toEqual([]);
        }),
        { numRuns: FUZZ_RUNS },
      );
    }, 120_000);
  }
});

describe("a question in conversation with hostile text", () => {
  it(`renders a quiet reply Discord accepts, within limits, in a server and in a DM (${FUZZ_RUNS} runs)`, () => {
    fc.assert(
      fc.property(hostileText, fc.boolean(), (text, inGuild) => {
        const { reply } = answerQuestion(context.engine, text);
        const rendered = conversationalReply(reply, context.engine.pack, { userId: mentionTarget, inGuild });
        const { embeds = [], components = [], files = [] } = rendered;
        const body = {
          ...(rendered.content ? { content: rendered.content } : {}),
          embeds,
          components,
          allowed_mentions: { parse: [], replied_user: false },
          message_reference: { message_id: "123456789012345678", fail_if_not_exists: false },
          attachments: files.map((f, i) => ({ id: String(i), filename: (f as { name: string }).name })),
        };
        expect(rendered.allowedMentions).toEqual({ parse: [], repliedUser: false });
        const asRendered = { embeds, components, files: [], allowedMentions: { parse: [] } } as unknown as DiscordReply;
        expect(replyProblems(asRendered)).toEqual([]);
        expect(validateDiscordRequest("POST", "/channels/300000000000000001/messages", body)).toEqual([]);
      }),
      { numRuns: FUZZ_RUNS },
    );
  }, 120_000);
});
