/**
 * ConnectWise times in milliseconds since the epoch. ConnectWise writes UTC, sometimes without a zone, and
 * Date.parse would read a naive datetime as the worker's local time. No imports: the workflow bundle uses it.
 */

/** A date or datetime without a zone is UTC; `+hhmm` becomes `+hh:mm`. NaN for what is not a date. */
export function utcInstant(text: string): number {
  const zone = /(Z|[+-]\d{2}:?\d{2})$/i.exec(text.includes('T') ? text : '');
  if (zone === null) return Date.parse(text.includes('T') ? `${text}Z` : `${text}T00:00:00Z`);
  const offset = zone[1] as string;
  const normalised = /^[+-]\d{4}$/.test(offset) ? `${offset.slice(0, 3)}:${offset.slice(3)}` : offset;
  return Date.parse(`${text.slice(0, zone.index)}${normalised}`);
}
