/**
 * One field value at a time: is it acceptable for the field's type, and what do we store. Values are
 * stored as the caller sent them (as strings), except list and status values, which take the spelling
 * the account defines. Nothing is reformatted, so a client that writes a value and reads it back sees
 * its own bytes, and a value in the wrong format is refused rather than silently fixed.
 */
import dayjs from 'dayjs';
import customParseFormat from 'dayjs/plugin/customParseFormat.js';
import type { ApFieldSpec } from './types.js';

dayjs.extend(customParseFormat);

export interface ValueContext {
  dateFormat: string;
  statuses: ReadonlyArray<{ id: number; name: string }>;
}

export type ValueCheck = { ok: true; value: string } | { ok: false; message: string };

// Thousands separators are allowed because the vendor's own example sends "55,444.33".
const NUMBER = /^[+-]?(\d{1,3}(,\d{3})+|\d+)?(\.\d+)?$/;
const BOOLEAN_WORDS = new Set(['true', 'false', 'yes', 'no', '1', '0']);
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const BARE_HOST_URL = /^[\w-]+(\.[\w-]+)+(:\d+)?(\/\S*)?$/;
const PHONE = /^\+?[\d\s().\-/]+((x|ext\.?)\s*\d+)?$/i;

/** JSON numbers and booleans are accepted and kept as their string form; null means blank. */
function asInputString(raw: unknown): string | undefined {
  if (typeof raw === 'string') return raw;
  if (raw === null || raw === undefined) return '';
  if (typeof raw === 'number' && Number.isFinite(raw)) return String(raw);
  if (typeof raw === 'boolean') return String(raw);
  return undefined;
}

// Strict dayjs parsing is the slowest step of a bulk load, and loads repeat the same few dates.
const dateMemo = new Map<string, boolean>();

/** Strict: "2/3/2024" is not MM/DD/YYYY, and neither is 02/30/2024. */
export function isAccountDate(text: string, format: string): boolean {
  const key = `${format}\u0000${text.trim()}`;
  let valid = dateMemo.get(key);
  if (valid === undefined) {
    valid = dayjs(text.trim(), format, true).isValid();
    if (dateMemo.size >= 10_000) dateMemo.clear();
    dateMemo.set(key, valid);
  }
  return valid;
}

export function isBlank(value: string): boolean {
  return value.trim() === '';
}

function isNumber(text: string): boolean {
  const t = text.trim();
  return NUMBER.test(t) && /\d/.test(t);
}

function isUrl(text: string): boolean {
  const t = text.trim();
  if (/^https?:\/\//i.test(t)) {
    try {
      new URL(t);
      return true;
    } catch {
      return false;
    }
  }
  // ConnectWise and people alike write "www.example.com"; a URL field in a web app takes that.
  return BARE_HOST_URL.test(t);
}

export function checkValue(field: ApFieldSpec, raw: unknown, ctx: ValueContext): ValueCheck {
  const text = asInputString(raw);
  if (text === undefined) return { ok: false, message: `${field.name} must be a string` };
  if (isBlank(text)) return { ok: true, value: '' };
  const t = text.trim();
  const fail = (expected: string): ValueCheck => ({ ok: false, message: `${field.name} ${expected}` });
  switch (field.type) {
    case 'text':
    case 'textarea':
      return { ok: true, value: text };
    case 'number':
      return isNumber(t) ? { ok: true, value: text } : fail(`must be a number, got "${text}"`);
    case 'currency':
      return isNumber(t)
        ? { ok: true, value: text }
        : fail(`must be an amount like 55,444.33, got "${text}"`);
    case 'date':
      return isAccountDate(t, ctx.dateFormat)
        ? { ok: true, value: text }
        : fail(`must be a date in the account format ${ctx.dateFormat}, got "${text}"`);
    case 'boolean':
      return BOOLEAN_WORDS.has(t.toLowerCase()) ? { ok: true, value: text } : fail(`must be true or false`);
    case 'email':
      return EMAIL.test(t) ? { ok: true, value: text } : fail(`must be an e-mail address, got "${text}"`);
    case 'url':
      return isUrl(t) ? { ok: true, value: text } : fail(`must be a URL, got "${text}"`);
    case 'phone':
      return PHONE.test(t) && (t.match(/\d/g)?.length ?? 0) >= 3
        ? { ok: true, value: text }
        : fail(`must be a phone number, got "${text}"`);
    case 'list': {
      const option = field.options?.find((o) => o.toLowerCase() === t.toLowerCase());
      return option !== undefined
        ? { ok: true, value: option }
        : fail(`must be one of: ${(field.options ?? []).join(', ')}`);
    }
    case 'status': {
      // Clients write either the status id (as a string) or its name.
      const status = ctx.statuses.find((s) => String(s.id) === t || s.name.toLowerCase() === t.toLowerCase());
      return status !== undefined
        ? { ok: true, value: status.name }
        : fail(`must be a status of this group: ${ctx.statuses.map((s) => s.name).join(', ') || '(none)'}`);
    }
  }
}

/**
 * The identity of a value for unique rules: trimmed and case-sensitive (MongoDB-backed uniqueness is
 * case-sensitive by default); numbers compare by value, so "1,000" and "1000" collide.
 */
export function uniqueKey(field: ApFieldSpec, value: string): string {
  const t = value.trim();
  if ((field.type === 'number' || field.type === 'currency') && isNumber(t)) {
    return String(Number(t.replace(/,/g, '')));
  }
  return t;
}

/** The identity of a value for `field_filters`: like uniqueKey, but case-insensitive. */
export function matchKey(field: ApFieldSpec, value: string): string {
  return uniqueKey(field, value).toLowerCase();
}
