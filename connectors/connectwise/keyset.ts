/**
 * Incremental reads that cannot skip a record: keyset paging on (lastUpdated, id).
 *
 * Each read asks for the records after the cursor, `lastUpdated > [t] or (lastUpdated = [t] and id > n)`,
 * ordered by `lastUpdated asc, id asc`, always page 1. A record changed while a sync runs gets a newer
 * lastUpdated and so sorts after the cursor: it is read again later because it changed, and never skipped.
 * Navigable paging (page 2, 3, ...) over a set that changes under it can skip rows; this cannot.
 *
 * One gap remains, because lastUpdated has one-second resolution: a record changed in the same second as the
 * cursor, with a lower id, sorts before it and would be missed. `settleMs` closes it: records changed at or
 * after the server's clock (the response's Date header, floored to the second) minus settleMs are held back
 * for a later read, so the cursor never enters a second that can still receive changes. The page then says
 * how many records wait and from when they can be read (`heldBack`, `heldBackUntil`).
 */
import { z } from 'zod';
import type { ConnectWiseRecord } from './schemas.js';
import { formatDatetime } from './conditions.js';
import { utcInstant } from '../../mapping/utc-instant.js';
import { cwError } from './errors.js';

export interface KeysetCursor {
  /** `_info.lastUpdated` of the last record read, exactly as the server wrote it. */
  lastUpdated: string;
  id: number;
}

export const keysetCursorSchema = z.object({
  lastUpdated: z.string().min(1),
  id: z.number().int().nonnegative(),
});

export const KEYSET_ORDER_BY = 'lastUpdated asc, id asc';
/** What a keyset read needs in a partial response. */
export const KEYSET_FIELDS = ['id', '_info'] as const;

/** The cursor condition, and-ed to the user's own conditions (already compiled). */
export function keysetConditions(userConditions: string, cursor: KeysetCursor | null): string {
  if (cursor === null) return userConditions;
  const t = formatDatetime(cursor.lastUpdated, 'cursor.lastUpdated');
  if (!Number.isInteger(cursor.id) || cursor.id < 0) {
    throw cwError('bad_request', `Filter cursor.id: ${cursor.id} is not a record id.`);
  }
  const after = `lastUpdated > [${t}] or (lastUpdated = [${t}] and id > ${cursor.id})`;
  return userConditions === '' ? after : `(${userConditions}) and (${after})`;
}

export function compareCursors(a: KeysetCursor, b: KeysetCursor): number {
  const byTime = utcInstant(a.lastUpdated) - utcInstant(b.lastUpdated);
  return byTime !== 0 ? Math.sign(byTime) : Math.sign(a.id - b.id);
}

/** The cursor a record stands for; a record without id or _info.lastUpdated cannot be paged past. */
export function cursorOf(record: ConnectWiseRecord, entity: string): KeysetCursor {
  const id = record.id;
  const lastUpdated = record._info?.lastUpdated;
  if (typeof id !== 'number' || typeof lastUpdated !== 'string' || Number.isNaN(utcInstant(lastUpdated))) {
    throw cwError(
      'invalid_response',
      `A ${entity} record came without id or a readable _info.lastUpdated (id ${String(id)}); it cannot be read incrementally.`,
    );
  }
  return { lastUpdated, id };
}

export interface KeysetPage<R> {
  records: R[];
  /** Where the next read starts; the cursor given when nothing was read. */
  nextCursor: KeysetCursor | null;
  /** No more records after nextCursor for now (a short page, or recent records held back). */
  done: boolean;
  /** Records left for a later read because they changed too recently (settleMs). */
  heldBack: number;
  /** When held-back records can be read (server clock, ISO 8601); set only when heldBack > 0. */
  heldBackUntil?: string;
  /** The server's clock (HTTP Date header) when the page was read, ISO 8601. */
  serverTime?: string;
}

export interface SettleOptions {
  /** The server's time (ms since epoch), from its Date header. */
  serverTime?: number;
  /** Hold back records updated at or after serverTime - settleMs; undefined = hold nothing back. */
  settleMs?: number;
}

/**
 * Refuses a page the server did not order as asked: lastUpdated must never go down along the page, nor
 * below the incoming cursor's. Otherwise the last record is not the furthest one read, and paging on from it
 * could jump past records never handed on. Retrying would get the same order, so the error is not retryable.
 *
 * Ids are not checked within one lastUpdated: a server that keeps fractions of a second but writes whole
 * seconds sorts such records by a time we cannot see. Where such a second ends a full page, keysetPage
 * starts the next read at the beginning of that second rather than past its highest id.
 */
export function assertKeysetOrder(
  entity: string,
  cursors: readonly KeysetCursor[],
  cursor: KeysetCursor | null,
): void {
  let previous = cursor;
  for (const [index, current] of cursors.entries()) {
    if (previous !== null && utcInstant(current.lastUpdated) < utcInstant(previous.lastUpdated)) {
      const where =
        index === 0 || previous === cursor
          ? `is before the cursor (${previous.lastUpdated}, id ${previous.id}) the request asked to read past`
          : `sorts before the record at position ${index - 1} (${previous.lastUpdated}, id ${previous.id})`;
      throw cwError(
        'invalid_response',
        `ConnectWise did not honour orderBy=${KEYSET_ORDER_BY} for ${entity}: the record at position ${index} (${current.lastUpdated}, id ${current.id}) ${where}. Paging on from this page could skip records, so the read stops.`,
        { retryable: false, details: { cursor, index, record: current, previous } },
      );
    }
    previous = current;
  }
}

/** The furthest of the cursors (the latest lastUpdated, then the highest id). */
function furthest(cursors: Iterable<KeysetCursor | null>): KeysetCursor | null {
  let best: KeysetCursor | null = null;
  // On a tie the later one wins, so the cursor keeps the spelling of the last record read.
  for (const c of cursors) if (c !== null && (best === null || compareCursors(c, best) >= 0)) best = c;
  return best;
}

export function keysetPage<R extends ConnectWiseRecord>(
  entity: string,
  records: R[],
  cursor: KeysetCursor | null,
  pageSize: number,
  settle: SettleOptions = {},
): KeysetPage<R> {
  const cursors = records.map((r) => cursorOf(r, entity));
  assertKeysetOrder(entity, cursors, cursor);
  let kept = records.length;
  let heldBackUntil: string | undefined;
  if (settle.settleMs !== undefined && settle.serverTime !== undefined) {
    if (!Number.isFinite(settle.settleMs) || settle.settleMs < 0) {
      throw cwError('bad_request', `settleMs must be 0 or more milliseconds, not ${settle.settleMs}.`);
    }
    // The Date header has one-second resolution: the server's clock may be up to a second ahead of it.
    const horizon = Math.floor(settle.serverTime / 1000) * 1000 - settle.settleMs;
    const firstRecent = cursors.findIndex((c) => utcInstant(c.lastUpdated) >= horizon);
    if (firstRecent !== -1) {
      kept = firstRecent;
      const oldest = cursors[firstRecent];
      if (oldest !== undefined) {
        heldBackUntil = new Date(utcInstant(oldest.lastUpdated) + settle.settleMs + 1000).toISOString();
      }
    }
  }
  const heldBack = records.length - kept;
  const full = records.length >= pageSize;
  let nextCursor = furthest([cursor, ...cursors.slice(0, kept)]);
  const last = cursors[kept - 1];
  if (full && kept === records.length && last !== undefined) {
    // A full page may end inside a second. If the ids of that last second came out of order, the server
    // did not sort them by id (it keeps fractions it does not show, or ignores `id asc`), and records of
    // that second with lower ids may still be unread: the next read starts at the beginning of the second.
    const t = utcInstant(last.lastUpdated);
    const tail = cursors.filter((c) => utcInstant(c.lastUpdated) === t);
    if (tail.some((c, i) => i > 0 && c.id < (tail[i - 1]?.id ?? 0)))
      nextCursor = { lastUpdated: last.lastUpdated, id: 0 };
  }
  if (
    full &&
    heldBack === 0 &&
    cursor !== null &&
    nextCursor !== null &&
    compareCursors(nextCursor, cursor) <= 0
  ) {
    // More records share one second than a page holds, and the server keeps fractions of it: reading on
    // from here would return this same page forever.
    throw cwError(
      'invalid_response',
      `ConnectWise returned a full page of ${entity} that does not move past the cursor (${cursor.lastUpdated}, id ${cursor.id}); reading on would loop. A larger page size gets past it.`,
      { details: { cursor } },
    );
  }
  return {
    records: records.slice(0, kept),
    nextCursor,
    done: !full || heldBack > 0,
    heldBack,
    ...(heldBackUntil !== undefined && { heldBackUntil }),
    ...(settle.serverTime !== undefined && { serverTime: new Date(settle.serverTime).toISOString() }),
  };
}
