/**
 * Asset Panda takes dates as strings in the account's date format (the archive example is '11/24/2022').
 * How the account states its format is UNDOCUMENTED, so we read dayjs-style tokens (MM/DD/YYYY), their
 * lower-case spelling (mm/dd/yyyy: this helper formats dates only, so 'mm' cannot mean minutes), strftime
 * (%m/%d/%Y) and PHP's date() letters (m/d/Y), recognised by a lone Y, j, n or F, which no other spelling
 * uses. A format with anything else is refused rather than guessed at.
 */
import { apError } from './errors.js';

/** The format of the vendor's own examples; used when neither settings nor the account say otherwise. */
export const DEFAULT_DATE_FORMAT = 'MM/DD/YYYY';

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

interface Day {
  year: number;
  month: number; // 1-12
  day: number;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

// Each spelling of a part of a date, with its dayjs token (what the mapping's date transform formats with).
const TOKENS: Array<[RegExp, string, (d: Day) => string]> = [
  [/^(YYYY|yyyy|%Y)/, 'YYYY', (d) => pad(d.year, 4)],
  [/^(YY|yy|%y)/, 'YY', (d) => pad(d.year % 100)],
  [/^(MMMM|mmmm|%B)/, 'MMMM', (d) => MONTHS[d.month - 1] ?? ''],
  [/^(MMM|mmm|%b)/, 'MMM', (d) => (MONTHS[d.month - 1] ?? '').slice(0, 3)],
  [/^(MM|mm|%m)/, 'MM', (d) => pad(d.month)],
  [/^(M|m|%-m)/, 'M', (d) => String(d.month)],
  [/^(DD|dd|%d)/, 'DD', (d) => pad(d.day)],
  [/^(D|d|%-d|%e)/, 'D', (d) => String(d.day)],
];

// PHP's date() letters, one letter a part: m and d are zero-padded there, unlike the lower-case reading above.
const PHP_TOKENS: Array<[RegExp, string, (d: Day) => string]> = [
  [/^Y/, 'YYYY', (d) => pad(d.year, 4)],
  [/^y/, 'YY', (d) => pad(d.year % 100)],
  [/^F/, 'MMMM', (d) => MONTHS[d.month - 1] ?? ''],
  [/^M/, 'MMM', (d) => (MONTHS[d.month - 1] ?? '').slice(0, 3)],
  [/^m/, 'MM', (d) => pad(d.month)],
  [/^n/, 'M', (d) => String(d.month)],
  [/^d/, 'DD', (d) => pad(d.day)],
  [/^j/, 'D', (d) => String(d.day)],
];

const looksLikePhp = (format: string): boolean => /(^|[^Y%])Y([^Y]|$)|(^|[^%])[jnF]/.test(format);

type Part = { literal: string } | { token: string; render: (d: Day) => string };

/** Splits an account format into date parts and literal characters, refusing what it cannot read. */
function parse(format: string): Part[] {
  const tokens = looksLikePhp(format) ? PHP_TOKENS : TOKENS;
  const parts: Part[] = [];
  let rest = format;
  let sawYear = false;
  let sawMonth = false;
  let sawDay = false;
  while (rest.length > 0) {
    const hit = tokens.find(([re]) => re.test(rest));
    if (hit) {
      const [re, token, render] = hit;
      const spelled = re.exec(rest)?.[0] ?? '';
      if (token.startsWith('Y')) sawYear = true;
      else if (token.startsWith('M')) sawMonth = true;
      else sawDay = true;
      parts.push({ token, render });
      rest = rest.slice(spelled.length);
      continue;
    }
    const ch = rest[0] ?? '';
    // Letters would be tokens (or silently become them in dayjs), and brackets are dayjs escapes.
    if (/[A-Za-z%[\]]/.test(ch)) throw badFormat(format, `unknown token at '${rest}'`);
    parts.push({ literal: ch });
    rest = rest.slice(1);
  }
  if (!sawYear || !sawMonth || !sawDay) throw badFormat(format, 'it needs a year, a month and a day');
  return parts;
}

/**
 * The account format in dayjs tokens (mm/dd/yyyy and %m/%d/%Y become MM/DD/YYYY), so that the mapping's
 * date transform writes what the account expects whichever spelling the account or the settings use.
 */
export function toDayjsFormat(format: string): string {
  return parse(format)
    .map((p) => ('literal' in p ? p.literal : p.token))
    .join('');
}

function badFormat(format: string, why: string) {
  return apError({
    kind: 'config',
    retryable: false,
    message: `cannot use Asset Panda date format '${format}': ${why}; set dateFormat in the settings`,
  });
}

function toDay(date: Date | string): Day {
  if (date instanceof Date) {
    if (Number.isNaN(date.getTime())) throw badDate(String(date));
    // Calendar day in UTC: the account's time zone is not exposed by the API.
    return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
  }
  // A calendar date as written (time and zone, if any, are ignored: the caller chose the day).
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:$|[T ])/.exec(date.trim());
  if (!match) throw badDate(date);
  const day = { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
  const check = new Date(Date.UTC(day.year, day.month - 1, day.day));
  if (check.getUTCMonth() + 1 !== day.month || check.getUTCDate() !== day.day) throw badDate(date);
  return day;
}

function badDate(value: string) {
  return apError({
    kind: 'bad_request',
    retryable: false,
    message: `not a date: '${value}' (give a Date or YYYY-MM-DD)`,
  });
}

/** Formats a calendar date (a Date, read in UTC, or 'YYYY-MM-DD…') in an Asset Panda account format. */
export function formatAccountDate(date: Date | string, format: string): string {
  const parts = parse(format);
  const day = toDay(date);
  return parts.map((p) => ('literal' in p ? p.literal : p.render(day))).join('');
}
