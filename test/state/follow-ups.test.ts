import { describe, expect, it } from "vitest";
import { FOLLOW_UP_LIMITS, MemoryFollowUps, type FollowUp } from "../../src/state/follow-ups.js";

const followUp: FollowUp = { passageIds: ["p9", "p8"], shown: 1, question: "who invaded?", packVersion: "v1" };

describe("follow-ups kept in memory", () => {
  it("recalls an answer for ten minutes, then forgets it", async () => {
    let now = 0;
    const store = new MemoryFollowUps(() => now);
    await store.remember("m1", followUp);
    now = FOLLOW_UP_LIMITS.ttlMs - 1;
    expect(await store.recall("m1")).toEqual(followUp);
    now = FOLLOW_UP_LIMITS.ttlMs;
    expect(await store.recall("m1")).toBeUndefined();
  });

  it("keeps at most 10,000 answers, forgetting the oldest first", async () => {
    const store = new MemoryFollowUps(() => 0);
    for (let i = 0; i <= FOLLOW_UP_LIMITS.entries; i++) await store.remember(`m${i}`, followUp);
    expect(await store.recall("m0")).toBeUndefined();
    expect(await store.recall("m1")).toEqual(followUp);
    expect(await store.recall(`m${FOLLOW_UP_LIMITS.entries}`)).toEqual(followUp);
  });
});
