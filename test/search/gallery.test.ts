import { beforeAll, describe, expect, it } from "vitest";
import { loadArticlePack } from "../../src/content/read-pack.js";
import {
  answerQuestion,
  createSearchEngine,
  describeArticle,
  findSlide,
  type SearchEngine,
} from "../../src/search/engine.js";
import { sentences } from "../../src/search/timeline.js";

let engine: SearchEngine;
beforeAll(async () => {
  engine = createSearchEngine(await loadArticlePack("content/korea-summit"));
});

describe("what people say about a gallery", () => {
  it("ask answers with the slide a position names", () => {
    for (const [question, number] of [
      ["What does the first photo show?", 1],
      ["what's in the last photo?", 8],
      ["the fifth one", 5],
      ["third pic pls", 3],
      ["who is in the 4th picture", 4],
      ["slide five", 5],
    ] as const) {
      const { reply } = answerQuestion(engine, question);
      expect(reply.answered, question).toBe(true);
      expect(reply.slide?.number, question).toBe(number);
    }
  });

  it("photo reads positions in words", () => {
    for (const [query, number] of [
      ["the first photo", 1],
      ["the fifth one", 5],
      ["5th", 5],
      ["third pic", 3],
      ["the last one", 8],
      ["slide five", 5],
    ] as const)
      expect(findSlide(engine, { query }).reply.slide?.number, query).toBe(number);
  });
});

describe("about", () => {
  it("shows the article's date and the pack's own credit line, never summit wording", () => {
    const fields = describeArticle(engine).fields;
    expect(fields.map((f) => f.name)).toEqual(["Published by", "Date", "Contents", "Credits"]);
    expect(fields.find((f) => f.name === "Date")?.value).toBe("2018-04-27");
  });

  it("credits the publisher and the source link when the pack says nothing of the text's credit", () => {
    const bare = createSearchEngine({ ...engine.pack, meta: { ...engine.pack.meta, credit: undefined } });
    const credits = describeArticle(bare).fields.find((f) => f.name === "Credits")?.value ?? "";
    expect(credits).toContain(`Text: Newsweek, ${engine.pack.meta.sourceUrl}`);
    expect(credits).not.toContain("quoted with credit");
  });
});

describe("offers when unsure", () => {
  it("offers up to three passages, not as an answer, for a question about the article it cannot place", () => {
    const { reply } = answerQuestion(engine, "Were the two halves supposed to stay separate permanently?");
    expect(reply.answered).toBe(false);
    expect(reply.offers.length).toBeLessThanOrEqual(3);
  });
});

describe("the timeline's sentences", () => {
  it("do not end at initials, titles or dotted abbreviations", () => {
    expect(
      sentences("John F. Kennedy spoke at 4:18 p.m. on the U.S. side. Dr. Smith listened. Then St. Louis cheered."),
    ).toEqual([
      "John F. Kennedy spoke at 4:18 p.m. on the U.S. side.",
      "Dr. Smith listened.",
      "Then St. Louis cheered.",
    ]);
  });
});
