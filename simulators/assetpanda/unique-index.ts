/**
 * An index of the values of a group's unique fields, so that checking a unique rule or finding an object
 * by its identifier costs one lookup instead of a scan: a 50,000-object load stays linear.
 *
 * Buckets are keyed case-insensitively (what `field_filters` needs); each entry remembers the exact key
 * (what unique rules need).
 */
import type { ApFieldSpec } from './types.js';
import { matchKey, uniqueKey } from './values.js';

type Bucket = Map<string /* object id */, string /* uniqueKey */>;

export class UniqueIndex {
  private readonly byField = new Map<string, Map<string, Bucket>>();

  constructor(private readonly fields: readonly ApFieldSpec[]) {
    for (const f of fields) this.byField.set(f.key, new Map());
  }

  indexes(fieldKey: string): boolean {
    return this.byField.has(fieldKey);
  }

  add(objectId: string, values: Record<string, string>): void {
    for (const f of this.fields) {
      const value = values[f.key];
      if (value === undefined) continue;
      const buckets = this.byField.get(f.key)!;
      const fold = matchKey(f, value);
      let bucket = buckets.get(fold);
      if (!bucket) buckets.set(fold, (bucket = new Map()));
      bucket.set(objectId, uniqueKey(f, value));
    }
  }

  remove(objectId: string, values: Record<string, string>): void {
    for (const f of this.fields) {
      const value = values[f.key];
      if (value === undefined) continue;
      const buckets = this.byField.get(f.key)!;
      const fold = matchKey(f, value);
      const bucket = buckets.get(fold);
      bucket?.delete(objectId);
      if (bucket?.size === 0) buckets.delete(fold);
    }
  }

  /** Objects whose value equals `value` under the unique rule. */
  holders(field: ApFieldSpec, value: string): string[] {
    const bucket = this.byField.get(field.key)?.get(matchKey(field, value));
    if (!bucket) return [];
    const exact = uniqueKey(field, value);
    return [...bucket].filter(([, key]) => key === exact).map(([id]) => id);
  }

  /** Objects whose value matches `value` the way `field_filters` matches (case-insensitive). */
  matches(field: ApFieldSpec, value: string): string[] {
    return [...(this.byField.get(field.key)?.get(matchKey(field, value))?.keys() ?? [])];
  }
}
