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

/** Milliseconds since the epoch; a time without a zone is UTC, as ConnectWise writes it. */
export function instant(datetime: string): number {
  const zoned = /(Z|[+-]\d{2}:\d{2})$/.test(datetime) || !datetime.includes('T') ? datetime : `${datetime}Z`;
  return Date.parse(zoned);
}

export function compareCursors(a: KeysetCursor, b: KeysetCursor): number {
  const byTime = instant(a.lastUpdated) - instant(b.lastUpdated);
  return byTime !== 0 ? Math.sign(byTime) : Math.sign(a.id - b.id);
}

/** The cursor a record stands for; a record without id or _info.lastUpdated cannot be paged past. */
export function cursorOf(record: ConnectWiseRecord, entity: string): KeysetCursor {
  const id = record.id;
  const lastUpdated = record._info?.lastUpdated;
  if (typeof id !== 'number' || typeof lastUpdated !== 'string' || Number.isNaN(instant(lastUpdated))) {
    throw cwError(
      'invalid_response',
      `A ${entity} record came without id or _info.lastUpdated (id ${String(id)}); it cannot be read incrementally.`,
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
 * Turns one page (ordered by lastUpdated, id) into the records to hand on and the next cursor. Throws when a
 * full page makes no progress: reading again from the same cursor would loop forever.
 */
export function keysetPage<R extends ConnectWiseRecord>(
  entity: string,
  records: R[],
  cursor: KeysetCursor | null,
  pageSize: number,
  settle: SettleOptions = {},
): KeysetPage<R> {
  const cursors = records.map((r) => cursorOf(r, entity));
  let kept = records.length;
  let heldBackUntil: string | undefined;
  if (settle.settleMs !== undefined && settle.serverTime !== undefined) {
    if (!Number.isFinite(settle.settleMs) || settle.settleMs < 0) {
      throw cwError('bad_request', `settleMs must be 0 or more milliseconds, not ${settle.settleMs}.`);
    }
    // The Date header has one-second resolution: the server's clock may be up to a second ahead of it.
    const horizon = Math.floor(settle.serverTime / 1000) * 1000 - settle.settleMs;
    const firstRecent = cursors.findIndex((c) => instant(c.lastUpdated) >= horizon);
    if (firstRecent !== -1) {
      kept = firstRecent;
      const oldest = cursors[firstRecent];
      if (oldest !== undefined) {
        heldBackUntil = new Date(instant(oldest.lastUpdated) + settle.settleMs + 1000).toISOString();
      }
    }
  }
  const heldBack = records.length - kept;
  const last = kept > 0 ? cursors[kept - 1] : undefined;
  const full = records.length >= pageSize;
  let nextCursor = cursor;
  if (last !== undefined) {
    const progressed = cursor === null || compareCursors(last, cursor) > 0;
    if (!progressed && full && heldBack === 0) {
      throw cwError(
        'invalid_response',
        `ConnectWise returned a full page of ${entity} that does not move past the cursor (${cursor?.lastUpdated}, id ${cursor?.id}); reading on would loop.`,
        { details: { cursor } },
      );
    }
    if (progressed) nextCursor = last;
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
