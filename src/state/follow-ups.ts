/** What a conversational answer came from, so that a reply to it can go on from there. */
export interface FollowUp {
  /** The passage the answer came from, then the passages ranked after it. */
  passageIds: string[];
  /** How many of `passageIds` the answer showed (the passage and its related ones). */
  shown: number;
  /** The question it answered. */
  question: string;
  /** The pack it answered from: another pack's passages are not the same ones. */
  packVersion: string;
}

/** Follow-up state by the id of the answer's message; it forgets, and a forgotten answer starts afresh. */
export interface FollowUps {
  remember(messageId: string, followUp: FollowUp): Promise<void>;
  recall(messageId: string): Promise<FollowUp | undefined>;
}

/** How long an answer can be followed up, and how many answers are kept. */
export const FOLLOW_UP_LIMITS = { ttlMs: 10 * 60_000, entries: 10_000 } as const;

/** Follow-ups in this process's memory: the oldest go first when it is full, and none outlives its ten minutes. */
export class MemoryFollowUps implements FollowUps {
  private readonly entries = new Map<string, { followUp: FollowUp; expires: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  async remember(messageId: string, followUp: FollowUp): Promise<void> {
    this.entries.delete(messageId);
    if (this.entries.size >= FOLLOW_UP_LIMITS.entries) this.entries.delete(this.entries.keys().next().value as string);
    this.entries.set(messageId, { followUp, expires: this.now() + FOLLOW_UP_LIMITS.ttlMs });
  }

  async recall(messageId: string): Promise<FollowUp | undefined> {
    const entry = this.entries.get(messageId);
    if (entry && entry.expires <= this.now()) this.entries.delete(messageId);
    return entry && entry.expires > this.now() ? entry.followUp : undefined;
  }
}
