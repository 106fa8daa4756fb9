import { beforeAll, describe, expect, it } from "vitest";
import { commands, type CommandContext } from "../../commands/index.js";
import { loadArticlePack } from "../../src/content/read-pack.js";
import {
  answerQuestion,
  createSearchEngine,
  findHistory,
  findSlide,
  searchArticle,
  type SearchEngine,
} from "../../src/search/engine.js";
import type { ShownPassage } from "../../src/search/reply.js";
import { accuracyBy, DEV_BANK, gradeBank, readBank } from "../support/question-bank.js";

let engine: SearchEngine;
beforeAll(async () => {
  engine = createSearchEngine(await loadArticlePack("content/korea-summit"));
});

const highlighted = (p: ShownPassage | undefined) => (p ? p.highlights.map(([a, b]) => p.text.slice(a, b)) : []);

describe("ask", () => {
  it("understands misspellings and highlights the matched words", () => {
    const { reply, matches } = answerQuestion(engine, "did the north invaid the south");
    expect(reply.answered).toBe(true);
    expect(matches[0]?.id).toBe("p9");
    expect(highlighted(reply.passages[0])).toEqual(expect.arrayContaining(["invaded", "north", "south"]));
    expect(reply.related.length).toBeLessThanOrEqual(2);
  });

  it("reads keywords, synonyms and casual chat", () => {
    expect(answerQuestion(engine, "38th paralel").matches[0]?.id).toBe("p7");
    expect(answerQuestion(engine, "what is the truce").matches[0]?.id).toBe("p2");
    expect(answerQuestion(engine, "japan owned korea?? since when").matches[0]?.id).toBe("p6");
  });

  it("answers a question about a photo with the slide and its picture", () => {
    const { reply, matches } = answerQuestion(engine, "Show me the photo where Moon steps into North Korea.");
    expect(matches[0]?.id).toBe("s5");
    expect(reply.slide).toMatchObject({
      number: 5,
      credit: "Korea Summit Press Pool/Pool via Reuters",
      picture: { fileName: "slide-5.png" },
    });
  });

  it("says honestly when the article does not cover a question, and offers the nearest topics", () => {
    for (const question of [
      "How many people died in the Korean War?",
      "What is the capital of North Korea?",
      "Who is Donald Trump?",
    ]) {
      const { reply } = answerQuestion(engine, question);
      expect(reply.answered, question).toBe(false);
      expect(reply.passages).toEqual([]);
      expect(reply.suggestions.length).toBeGreaterThan(0);
    }
  });
});

describe("history", () => {
  it("lists what happened in a year, in order, most relevant first in matches", () => {
    const { reply, matches } = findHistory(engine, "1950");
    expect(reply.passages.map((p) => p.when)).toEqual(["1950", "1950-1953"]);
    expect(reply.passages[0]?.text).toContain("A war broke out in 1950");
    expect(matches.map((m) => m.id)).toEqual(["p9", "p1"]);
  });

  it("reads ranges and decades", () => {
    expect(findHistory(engine, "1948-1953").reply.passages.map((p) => p.when)).toEqual([
      "1948",
      "1950",
      "1950-1953",
      "July 27, 1953",
    ]);
    expect(findHistory(engine, "1910 to 1948").matches.map((m) => m.id)).toEqual(["p6", "p7", "p8"]);
    expect(findHistory(engine, "1940s").reply.passages.map((p) => p.id)).toEqual(["p6", "p7", "p8"]);
  });

  it("finds events by name, misspelled or not", () => {
    expect(findHistory(engine, "japanes occupation").matches[0]?.id).toBe("p6");
    expect(findHistory(engine, "kim il-sung").matches[0]?.id).toBe("p8");
    expect(findHistory(engine, "vietnam war").reply.answered).toBe(false);
  });

  it("gives the whole timeline in order on empty input", () => {
    const whens = findHistory(engine, "").reply.passages.map((p) => p.when);
    expect(whens[0]).toBe("1910-1945");
    expect(whens.slice(-2)).toEqual(["April 2018", "2018"]);
  });

  it("names the nearest dated events for a year the article does not cover", () => {
    const { reply } = findHistory(engine, "1975");
    expect(reply.answered).toBe(false);
    expect(reply.message).toContain("1975");
    expect(reply.passages.map((p) => p.when)).toEqual(["July 27, 1953", "April 2018"]);
  });
});

describe("photo", () => {
  it("finds a slide by number, by words, or shows the first", () => {
    expect(findSlide(engine, { number: 5, query: "taking a stroll" }).reply.slide?.number).toBe(5);
    expect(findSlide(engine, {}).reply.slide?.number).toBe(1);
    const words: Array<[string, number]> = [
      ["taking a stroll", 8],
      ["flgs waving", 2],
      ["first", 1],
      ["last", 8],
      ["kim enters south korea", 7],
      ["departure from seoul", 1],
    ];
    for (const [query, number] of words) expect(findSlide(engine, { query }).reply.slide?.number, query).toBe(number);
  });

  it("explains the range for numbers outside it", () => {
    for (const query of ["0", "9", "-1", "2.5"]) {
      const { reply } = findSlide(engine, { query });
      expect(reply.answered, query).toBe(false);
      expect(reply.message).toBe("The gallery has 8 slides: pick a number from 1 to 8.");
    }
  });
});

describe("search", () => {
  it("lists the matching passages, best first", () => {
    const { reply, matches } = searchArticle(engine, "reuters");
    expect(reply.passages.length).toBeGreaterThanOrEqual(4);
    expect(matches.every((m) => m.id.startsWith("s"))).toBe(true);
  });
});

describe("the dev question bank (quality gate)", () => {
  it("answers at least 92% top-1 and declines every question the article cannot answer", () => {
    const context: CommandContext = { engine, commands, surface: "discord" };
    const graded = gradeBank(context, readBank(DEV_BANK));
    const all = accuracyBy(graded, () => "all").get("all");
    expect((all?.correct ?? 0) / (all?.total ?? 1)).toBeGreaterThanOrEqual(0.92);
    expect(graded.filter((g) => g.expect.none && !g.correct)).toEqual([]);
  });
});
