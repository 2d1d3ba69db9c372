/**
 * Seeded timestamps. Everything lies before a fixed epoch (so data does not depend on today's date and
 * any change made through the admin API is later than all of it), spread over the two years before it.
 * Records draw their `lastUpdated` from a pool of about a quarter as many distinct seconds as there are
 * records, so many records share a second and keyset paging on (lastUpdated, id) meets real ties.
 */
import { formatInstant } from '../state/clock.js';
import type { Rng } from './rng.js';

export const DATA_EPOCH_MS = Date.UTC(2024, 0, 1);
const DAY = 86_400_000;
const TWO_YEARS = 730 * DAY;

export class TimePool {
  private readonly seconds: number[];

  constructor(
    private readonly rng: Rng,
    count: number,
  ) {
    const distinct = Math.max(1, Math.ceil(count / 4));
    this.seconds = Array.from({ length: distinct }, () => {
      const offset = Math.floor(rng.next() * (TWO_YEARS / 1000)) * 1000;
      return DATA_EPOCH_MS - TWO_YEARS + offset;
    });
  }

  /** A lastUpdated instant (ms) from the pool. */
  lastUpdated(): number {
    return this.rng.pick(this.seconds);
  }

  /** A creation time up to `maxDaysBefore` days before `ms`, whole seconds. */
  before(ms: number, maxDaysBefore: number): number {
    return ms - Math.floor(this.rng.next() * maxDaysBefore * 86_400) * 1000;
  }
}

export const iso = formatInstant;

/** A date as the API writes date-only values: midnight UTC. */
export function isoDate(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 10)}T00:00:00Z`;
}

export function addDays(ms: number, days: number): number {
  return ms + days * DAY;
}
