/**
 * The simulator's clock for `_info.lastUpdated`: whole seconds (the API's precision), and never earlier
 * than a time it has already handed out, even if the host's clock steps back. Changes made within the
 * same second share a timestamp, as they do on the real server.
 */
export class SecondClock {
  private last = 0;

  nowMs(): number {
    const current = Math.floor(Date.now() / 1000) * 1000;
    this.last = Math.max(this.last, current);
    return this.last;
  }

  nowIso(): string {
    return formatInstant(this.nowMs());
  }
}

/** `2015-08-21T20:22:06Z`: UTC, second precision, as the API writes datetimes. */
export function formatInstant(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}Z`;
}
