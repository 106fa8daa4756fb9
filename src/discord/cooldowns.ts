/** Per-member, per-command cooldowns. Times come in from the caller so tests need no clock tricks. */
export class Cooldowns {
  private readonly until = new Map<string, number>();

  /** Records a use unless one is too recent; returns when the member may use the command again, if not now. */
  take(command: string, userId: string, seconds: number, now = Date.now()): number | undefined {
    if (seconds <= 0) return undefined;
    const key = `${command}:${userId}`;
    const blockedUntil = this.until.get(key);
    if (blockedUntil !== undefined && blockedUntil > now) return blockedUntil;
    if (this.until.size > 10_000) this.sweep(now);
    this.until.set(key, now + seconds * 1000);
    return undefined;
  }

  private sweep(now: number): void {
    for (const [key, until] of this.until) if (until <= now) this.until.delete(key);
  }
}
