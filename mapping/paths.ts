/**
 * Reading a value out of a ConnectWise record by path. Paths use `/` like the API's own conditions
 * (`status/name`, `company/identifier`), numeric segments index arrays (`types/0/name`), and
 * `custom:<caption>` reads the value of the custom field with that caption.
 */
export type JsonRecord = Record<string, unknown>;

const isRecord = (v: unknown): v is JsonRecord => typeof v === 'object' && v !== null && !Array.isArray(v);

export function isCustomFieldPath(path: string): boolean {
  return path.startsWith('custom:');
}

export function customFieldCaption(path: string): string {
  return path.slice('custom:'.length);
}

export function readPath(record: JsonRecord, path: string): unknown {
  if (isCustomFieldPath(path)) {
    const caption = customFieldCaption(path).trim().toLowerCase();
    const fields = record.customFields;
    if (!Array.isArray(fields)) return undefined;
    const hit = fields.find(
      (f) =>
        isRecord(f) &&
        String(f.caption ?? '')
          .trim()
          .toLowerCase() === caption,
    );
    return isRecord(hit) ? hit.value : undefined;
  }
  let current: unknown = record;
  for (const segment of path.split('/')) {
    if (Array.isArray(current) && /^\d+$/.test(segment)) current = current[Number(segment)];
    else if (isRecord(current)) current = current[segment];
    else return undefined;
    if (current === undefined) return undefined;
  }
  return current;
}
