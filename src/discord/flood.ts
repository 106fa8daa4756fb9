import type { FloodLimit } from "../config/env.js";

/** Keys kept before old ones are swept: a flood of new members or channels cannot grow the map for ever. */
const SWEEP_AT = 10_000;

/**
 * Answers in conversation, counted per member and per channel in sliding windows; a message over either
 * limit gets nothing until its window passes. Times come in from the caller so tests need no clock tricks.
 */
export class FloodGate {
  private readonly times = new Map<string, number[]>();

  constructor(private readonly limits: { member: FloodLimit; channel: FloodLimit }) {}

  /** Counts an answer to `userId` in `channelId` if both windows have room; false means stay silent. */
  admit(userId: string, channelId: string, now = Date.now()): boolean {
    if (this.times.size > SWEEP_AT) this.sweep(now);
    const member = this.recent(`member:${userId}`, this.limits.member, now);
    const channel = this.recent(`channel:${channelId}`, this.limits.channel, now);
    if (member.length >= this.limits.member.count || channel.length >= this.limits.channel.count) return false;
    member.push(now);
    channel.push(now);
    return true;
  }

  private recent(key: string, limit: FloodLimit, now: number): number[] {
    const since = now - limit.seconds * 1000;
    const kept = (this.times.get(key) ?? []).filter((at) => at > since);
    this.times.set(key, kept);
    return kept;
  }

  private sweep(now: number): void {
    const longest = Math.max(this.limits.member.seconds, this.limits.channel.seconds) * 1000;
    for (const [key, times] of this.times) if (times.every((at) => at <= now - longest)) this.times.delete(key);
  }
}
