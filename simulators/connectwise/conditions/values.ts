/**
 * How the server's database compares values. SQL Server's default collation (SQL_Latin1_General_CP1_CI_AS)
 * ignores case but not accents, and `=` ignores trailing spaces. NULL sorts first in ascending order.
 */

const collator = new Intl.Collator('en', { sensitivity: 'accent', usage: 'sort' });

export function compareText(a: string, b: string): number {
  return collator.compare(a.trimEnd(), b.trimEnd());
}

/** A stored datetime (ISO text) as epoch milliseconds, or NaN when it is not one. */
export function toInstant(value: unknown): number {
  return typeof value === 'string' ? Date.parse(value) : NaN;
}

export type SortKey = string | number | boolean | null;

/** Orders two keys of the same kind; null (absent) first. */
export function compareKeys(a: SortKey, b: SortKey): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? -1 : 1;
  if (typeof a === 'string' && typeof b === 'string') return compareText(a, b);
  if (a < b) return -1;
  return a > b ? 1 : 0;
}
