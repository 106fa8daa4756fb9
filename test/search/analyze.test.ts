import { describe, expect, it } from "vitest";
import { tokenize } from "../../src/search/analyze.js";

describe("tokenize", () => {
  it("lower-cases, drops accents and possessives, keeps abbreviations and numbers as people mean them", () => {
    const words = tokenize("Séoul’s KIM met the U.S. envoy; DMZ talks didn't stop at the 38th parallel in 1953.").map(
      (t) => t.word,
    );
    expect(words).toEqual([
      "seoul",
      "kim",
      "met",
      "the",
      "us",
      "envoy",
      "dmz",
      "talks",
      "did",
      "stop",
      "at",
      "the",
      "38",
      "parallel",
      "in",
      "1953",
    ]);
  });

  it("keeps where each word sits in the text, for highlighting", () => {
    const text = "Kim Jong Un";
    expect(tokenize(text).map((t) => text.slice(t.start, t.end))).toEqual(["Kim", "Jong", "Un"]);
  });
});
