import { beforeAll, describe, expect, it } from "vitest";
import { loadArticlePack } from "../../src/content/read-pack.js";
import {
  answerQuestion,
  createSearchEngine,
  describeArticle,
  findHistory,
  findSlide,
  searchArticle,
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

describe("answer, offer or decline", () => {
  it("offers up to three passages, not as an answer, for a question about the article it cannot place", () => {
    const { reply } = answerQuestion(engine, "did the truce come before the handshake");
    expect(reply.answered).toBe(false);
    expect(reply.offers.length).toBeGreaterThan(0);
    expect(reply.offers.length).toBeLessThanOrEqual(3);
    expect(reply.offers.map((o) => o.id)).toEqual(expect.arrayContaining(["p2", "s6"]));
  });

  it("offers slides to choose from when a photo's words fit several, none clearly", () => {
    const { reply } = findSlide(engine, { query: "smiles and handshake and crossing" });
    expect(reply.answered).toBe(false);
    expect(reply.offers.map((o) => o.id)).toEqual(expect.arrayContaining(["s6", "s1"]));
  });

  it("declines a question for a kind of fact no passage states: an age, a count, a time of day", () => {
    for (const question of [
      "what age is the south korean president",
      "how many soldiers guard the demilitarized zone",
      "at what time did the two leaders shake hands",
    ]) {
      const { reply } = answerQuestion(engine, question);
      expect(reply, question).toMatchObject({ answered: false, offers: [] });
    }
  });

  it("answers a when question with the date the passage gives for what it matched", () => {
    expect(answerQuestion(engine, "when did they sign the armistice").reply.message).toBe("When: July 27, 1953.");
    // A gallery's photo shows the event the article reports: its date.
    expect(answerQuestion(engine, "on what date did the leaders shake hands").reply.message).toBe(
      "When: April 27, 2018.",
    );
  });
});

describe("without a pack's own synonyms", () => {
  let plain: SearchEngine;
  beforeAll(async () => {
    plain = createSearchEngine({ ...(await loadArticlePack("content/korea-summit")), synonyms: [] });
  });

  it("matches words of the same root and WordNet's synonyms", () => {
    // "japan" is not in the article, "japanese" is; "halted" is not, "stopped"... is found through WordNet.
    expect(answerQuestion(plain, "how long did japan rule the peninsula").matches[0]?.id).toBe("p6");
    expect(answerQuestion(plain, "who partitioned the country in 1945").matches[0]?.id).toBe("p7");
  });

  it("reads a place and its adjective as one word", () => {
    // Paragraph 1 says "Korea", never "Korean"; paragraph 3 says "Korean", never "Korea".
    const ids = searchArticle(plain, "korean").matches.map((m) => m.id);
    expect(ids).toEqual(expect.arrayContaining(["p1", "p3"]));
  });

  it("reads spelled-out years and decades in history and ask", () => {
    expect(findHistory(plain, "nineteen fifty").matches.map((m) => m.id)).toEqual(
      findHistory(plain, "1950").matches.map((m) => m.id),
    );
    expect(findHistory(plain, "the fifties").reply.title).toBe("History: 1950-1959");
    expect(findHistory(plain, "the '40s").reply.title).toBe("History: 1940-1949");
    expect(
      answerQuestion(plain, "what started in the fifties")
        .matches.slice(0, 2)
        .map((m) => m.id),
    ).toContain("p9");
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
