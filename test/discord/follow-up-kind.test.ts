import { describe, expect, it } from "vitest";
import { followUpKind } from "../../src/discord/conversation.js";

describe("reading a reply to an answer", () => {
  it.each([
    ["more", "more"],
    ["Next!", "more"],
    ["ok tell me more", "more"],
    ["what else?", "more"],
    ["show me the photo", "photo"],
    ["Can you show the picture?", "photo"],
    ["pic pls", "photo"],
    ["is there a photo of that", "photo"],
    ["when was that?", "when"],
    ["When did it happen", "when"],
    ["what year was that", "when"],
  ])("reads %j as a follow-up (%s)", (text, kind) => {
    expect(followUpKind(text)).toBe(kind);
  });

  it.each(["more about the armistice", "when was the armistice signed?", "show me the border", "who won?", ""])(
    "reads %j as a new question",
    (text) => {
      expect(followUpKind(text)).toBeUndefined();
    },
  );
});
