import { describe, expect, it } from "vitest";
import { FloodGate } from "../../src/discord/flood.js";

const limits = { member: { count: 1, seconds: 3 }, channel: { count: 5, seconds: 10 } };

describe("the flood gate", () => {
  it("lets a member one answer per window, and lets them again once it passes", () => {
    const gate = new FloodGate(limits);
    expect(gate.admit("a", "c", 0)).toBe(true);
    expect(gate.admit("a", "c", 2999)).toBe(false);
    expect(gate.admit("a", "c", 3000)).toBe(true);
  });

  it("lets a channel five answers in ten seconds, whoever asks", () => {
    const gate = new FloodGate(limits);
    const admitted = ["a", "b", "c", "d", "e", "f"].map((user, i) => gate.admit(user, "chan", i * 100));
    expect(admitted).toEqual([true, true, true, true, true, false]);
    expect(gate.admit("g", "other", 600)).toBe(true);
    expect(gate.admit("f", "chan", 10_001)).toBe(true);
  });

  it("does not count a refused message against the windows", () => {
    const gate = new FloodGate({ member: { count: 1, seconds: 3 }, channel: { count: 1, seconds: 10 } });
    expect(gate.admit("a", "c", 0)).toBe(true);
    expect(gate.admit("b", "c", 1)).toBe(false);
    expect(gate.admit("b", "other", 2)).toBe(true);
  });
});
