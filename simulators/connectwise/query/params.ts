/**
 * The query string of a request. Parameter names are matched case-insensitively (ConnectPyse sends
 * `childconditions`); a repeated parameter counts once, by its first value. The original pairs are kept
 * in order so that Link headers can repeat them.
 */
import { badRequest } from '../api-error.js';

export class QueryParams {
  readonly pairs: ReadonlyArray<readonly [string, string]>;
  private readonly byName = new Map<string, string>();

  constructor(rawQuery: string) {
    this.pairs = [...new URLSearchParams(rawQuery)];
    for (const [name, value] of this.pairs) {
      const key = name.toLowerCase();
      if (!this.byName.has(key)) this.byName.set(key, value);
    }
  }

  get(name: string): string | undefined {
    return this.byName.get(name.toLowerCase());
  }

  /** A positive integer parameter, or undefined when absent. */
  positiveInt(name: string): number | undefined {
    const raw = this.get(name);
    if (raw === undefined || raw.trim() === '') return undefined;
    if (!/^\s*\d+\s*$/.test(raw) || Number(raw) < 1) {
      throw badRequest(`${name} must be a positive whole number, not '${raw}'.`, name);
    }
    return Number(raw);
  }

  /** This query with `name` set to `value` as the last parameter (clients read `page=N>` at the end). */
  withLast(name: string, value: string, drop: readonly string[] = []): string {
    const skip = new Set([name, ...drop].map((n) => n.toLowerCase()));
    const kept = this.pairs.filter(([n]) => !skip.has(n.toLowerCase()));
    return [...kept, [name, value] as const]
      .map(([n, v]) => `${encodeComponent(n)}=${encodeComponent(v)}`)
      .join('&');
  }
}

/** Percent-encoding that leaves `,`, `/` and `:` readable (all legal in a query): `fields=id,status/name`. */
function encodeComponent(text: string): string {
  return encodeURIComponent(text).replace(/%2C/g, ',').replace(/%2F/g, '/').replace(/%3A/g, ':');
}
