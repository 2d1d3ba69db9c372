/**
 * Request times over the last 60 seconds. A request refused for being over budget is not recorded, so
 * a client that waits as told by Retry-After gets through. Changing the budget starts a new window.
 */
const WINDOW_MS = 60_000;

export class SlidingWindow {
  private stamps: number[] = [];
  private head = 0;

  /** Seconds to wait, or 0 when the request may go ahead (and is then counted). */
  take(limit: number | undefined, now: number): number {
    while (this.head < this.stamps.length && (this.stamps[this.head] as number) <= now - WINDOW_MS)
      this.head++;
    if (this.head > 1024 && this.head * 2 > this.stamps.length) {
      this.stamps = this.stamps.slice(this.head);
      this.head = 0;
    }
    if (limit !== undefined && this.stamps.length - this.head >= limit) {
      const oldest = this.stamps[this.head] ?? now;
      return Math.max(1, Math.ceil((oldest + WINDOW_MS - now) / 1000));
    }
    this.stamps.push(now);
    return 0;
  }

  clear(): void {
    this.stamps = [];
    this.head = 0;
  }
}
