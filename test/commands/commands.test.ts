import { ApplicationCommandOptionType } from "discord-api-types/v10";
import { beforeAll, describe, expect, expectTypeOf, it } from "vitest";
import { defineCommand } from "../../commands/command.js";
import { commands, findCommand, type CommandContext } from "../../commands/index.js";
import { loadArticlePack } from "../../src/content/read-pack.js";
import { createSearchEngine } from "../../src/search/engine.js";
import { emptyReply } from "../../src/search/reply.js";

let context: CommandContext;
beforeAll(async () => {
  context = { engine: createSearchEngine(await loadArticlePack("content/korea-summit")), commands, surface: "discord" };
});

const QUERY_COMMANDS = ["ask", "history", "photo", "search"];
const ODD_INPUT = [
  "",
  "   ",
  "x".repeat(6000),
  "😀🇰🇷 مرحبا z̷̢a̵l̴g̶o",
  "\u0000\u0007\u001b[31m",
  "\uD800 lone",
  "@everyone <@123456789012345678> ```code```",
  "-1",
  "1e309",
];

describe("slash command definitions", () => {
  it("defines every command with a name and description, usable in servers and DMs", () => {
    expect(commands.map((c) => c.name)).toEqual([
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
    for (const command of commands) {
      const data = command.data(context.engine.pack);
      expect(data.name).toBe(command.name);
      // Discord takes no description for a menu command; help still has one.
      expect((command.menu ? command.description : data.description)?.length).toBeGreaterThan(0);
      expect(data.contexts).toEqual(command.requires ? [0] : [0, 1]);
    }
  });

  it("declares moderators' default permissions: Manage Messages for /gallery, Manage Guild for /reload", () => {
    expect(findCommand("gallery")?.data(context.engine.pack).default_member_permissions).toBe("8192");
    expect(findCommand("reload")?.data(context.engine.pack).default_member_permissions).toBe("32");
  });

  it("gives every query command hide and mention options", () => {
    for (const name of QUERY_COMMANDS) {
      const options = findCommand(name)?.data(context.engine.pack).options ?? [];
      expect(options).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ name: "hide", type: 5 }),
          expect.objectContaining({ name: "mention", type: 6 }),
        ]),
      );
    }
  });

  it("bounds /photo's number by the pack's slide count and autocompletes queries", () => {
    const photo = findCommand("photo")?.data(context.engine.pack).options ?? [];
    expect(photo).toContainEqual(expect.objectContaining({ name: "number", type: 4, min_value: 1, max_value: 8 }));
    expect(photo).toContainEqual(expect.objectContaining({ name: "query", autocomplete: true }));
    expect(findCommand("history")?.data(context.engine.pack).options).toContainEqual(
      expect.objectContaining({ name: "query", autocomplete: true }),
    );
  });
});

describe("handlers", () => {
  it("turn parsed options into replies", () => {
    expect(findCommand("history")?.execute(context, { query: "1950" }).reply.passages[0]?.text).toContain(
      "A war broke out in 1950",
    );
    expect(findCommand("photo")?.execute(context, { number: 5, query: "taking a stroll" }).reply.slide?.number).toBe(5);
    expect(findCommand("ask")?.execute(context, { question: "what did kim pledge" }).matches[0]?.id).toBe("p4");
    expect(
      findCommand("about")
        ?.execute(context, {})
        .reply.fields.map((f) => f.value)
        .join(" "),
    ).toContain("https://www.newsweek.com/");
  });

  it("help lists every command with an example", () => {
    const { reply } = findCommand("help")?.execute(context, {}) ?? { reply: undefined };
    expect(reply?.fields.map((f) => f.name)).toEqual(commands.map((c) => (c.menu ? c.name : `/${c.name}`)));
    for (const field of reply?.fields ?? [])
      expect(field.value).toMatch(field.name.startsWith("/") ? /Example: \// : /Example: on any message, Apps › /);
  });

  it("defines the message menu command as Discord takes it: a name, no description or options", () => {
    expect(findCommand("Answer from the article")?.data(context.engine.pack)).toEqual({
      type: 3,
      name: "Answer from the article",
      contexts: [0, 1],
      integration_types: [0],
    });
  });

  it("receive options typed from the definition, and only values of the declared type", () => {
    const echo = defineCommand({
      name: "echo",
      description: "Says it again",
      example: "hello",
      options: [
        { type: ApplicationCommandOptionType.String, name: "words", description: "What to say", required: true },
        { type: ApplicationCommandOptionType.Integer, name: "times", description: "How often" },
      ],
      execute: (_context, args) => {
        expectTypeOf(args).toEqualTypeOf<{ words: string; times: number | undefined }>();
        return { reply: emptyReply(true, args.words.repeat(args.times ?? 1)), matches: [] };
      },
    });
    expect(echo.execute(context, { words: "ab", times: 2 }).reply.title).toBe("abab");
    // A stale registration or a hand-written line: a value of another type is left out.
    expect(echo.execute(context, { words: "ab", times: "2" }).reply.title).toBe("ab");
    expect(echo.execute(context, {}).reply.title).toBe("");
  });

  it("never throw on odd input", () => {
    for (const name of QUERY_COMMANDS) {
      const command = findCommand(name);
      const option = command?.textOption ?? "query";
      for (const value of ODD_INPUT)
        expect(
          () => command?.execute(context, { [option]: value }),
          `${name} ${JSON.stringify(value.slice(0, 20))}`,
        ).not.toThrow();
    }
  });
});

describe("autocomplete", () => {
  it("offers at most 25 choices of at most 100 characters, for any input", () => {
    for (const name of QUERY_COMMANDS) {
      const command = findCommand(name);
      for (const value of [...ODD_INPUT, "kim", "19", "flgs"]) {
        const choices = command?.autocomplete?.(context, { name: command.textOption ?? "query", value }) ?? [];
        expect(choices.length).toBeLessThanOrEqual(25);
        for (const choice of choices) {
          expect(choice.name.length).toBeGreaterThanOrEqual(1);
          expect(choice.name.length).toBeLessThanOrEqual(100);
          expect(choice.value.length).toBeLessThanOrEqual(100);
        }
      }
    }
  });

  it("suggests sensibly: the timeline on empty input, slides by words, the typed question first", () => {
    const history = findCommand("history")?.autocomplete?.(context, { name: "query", value: "" }) ?? [];
    expect(history[0]).toMatchObject({ value: "1910-1945" });
    const slides = findCommand("photo")?.autocomplete?.(context, { name: "query", value: "stroll" }) ?? [];
    expect(slides[0]).toMatchObject({ value: "8" });
    const ask = findCommand("ask")?.autocomplete?.(context, { name: "question", value: "who invaded" }) ?? [];
    expect(ask[0]).toEqual({ name: "who invaded", value: "who invaded" });
    const typedInCapitals = findCommand("history")?.autocomplete?.(context, { name: "query", value: "  KIM " }) ?? [];
    expect(typedInCapitals.length).toBeGreaterThan(0);
    expect(typedInCapitals).toEqual(findCommand("history")?.autocomplete?.(context, { name: "query", value: "kim" }));
  });
});
