/**
 * What we send for a field. The vendor's examples send every value as a string, numbers and currency
 * included ("55,444.33"), and dates in the account's format, so values are converted here once.
 */
import { formatAccountDate } from './dates.js';
import { apError } from './errors.js';

/** undefined = leave the field alone; null = clear it (sent as ''). */
export type ApInputValue = string | number | boolean | Date | null | undefined;

export type ApFieldInput = Record<string, ApInputValue>;

const FIELD_KEY = /^field_\d+$/;

/**
 * Only `field_N` keys are accepted: a misspelt key (a field name instead of its key) would otherwise be
 * dropped by the API without a word, and the record would sync half-empty.
 */
export function checkFieldKeys(fields: ApFieldInput, where: string): void {
  const bad = Object.keys(fields).filter((k) => !FIELD_KEY.test(k));
  if (bad.length > 0) {
    throw apError({
      kind: 'bad_request',
      retryable: false,
      message: `${where}: field keys must look like field_N, not ${bad.slice(0, 5).join(', ')}`,
    });
  }
}

export function hasDateValue(fields: ApFieldInput): boolean {
  return Object.values(fields).some((v) => v instanceof Date);
}

/**
 * Booleans become 'true' / 'false': the vendor does not document how a boolean field is written, and these
 * are the strings its own JSON uses for booleans elsewhere.
 */
export function toApiValue(value: Exclude<ApInputValue, undefined>, dateFormat: string | undefined): string {
  if (value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) {
      throw apError({ kind: 'bad_request', retryable: false, message: `cannot send the number ${value}` });
    }
    return String(value);
  }
  if (dateFormat === undefined) {
    throw apError({
      kind: 'config',
      retryable: false,
      message: 'a date value needs the account date format',
    });
  }
  return formatAccountDate(value, dateFormat);
}

export function toApiFields(fields: ApFieldInput, dateFormat: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(fields)) {
    if (value !== undefined) out[key] = toApiValue(value, dateFormat);
  }
  return out;
}
