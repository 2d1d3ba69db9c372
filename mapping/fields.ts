/**
 * The two sides a mapping connects, as the mapping module sees them: ConnectWise source fields (from the
 * connector's entity catalog) and Asset Panda target fields (read from the real group).
 */
export type SourceType = 'string' | 'number' | 'boolean' | 'datetime' | 'reference' | 'array' | 'object';

export interface SourceField {
  /** A path as in mappings: `name`, `status/name`, `types`. */
  path: string;
  type: SourceType;
}

export interface TargetField {
  key: string;
  name: string;
  /** The Asset Panda field type as the API reports it (free text; see targetKind). */
  type: string;
  required: boolean;
}

export type TargetKind = 'text' | 'number' | 'date' | 'boolean';

/** Asset Panda's field types are not documented as a closed list, so classify by name, defaulting to text. */
export function targetKind(type: string): TargetKind {
  const t = type.toLowerCase();
  if (/date|time/.test(t)) return 'date';
  if (/number|numeric|currency|decimal|integer|money/.test(t)) return 'number';
  if (/bool|checkbox|yes.?no|toggle/.test(t)) return 'boolean';
  return 'text';
}

/** Normalised field name for matching by name: "Serial #" ~ "serial number" is not attempted, "MAC Address" ~ "mac address" is. */
export function normalizeName(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, '');
}
