import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConnectorError } from '../../connectors/errors.js';
import {
  KEYSET_ORDER_BY,
  compareCursors,
  keysetConditions,
  keysetPage,
} from '../../connectors/connectwise/keyset.js';
import type { ConnectWiseRecord } from '../../connectors/connectwise/schemas.js';

const rec = (id: number, lastUpdated: string): ConnectWiseRecord => ({ id, _info: { lastUpdated } });

describe('keyset conditions', () => {
  it('a start cursor of null reads from the beginning with only the user conditions', () => {
    assert.equal(keysetConditions('', null), '');
    assert.equal(keysetConditions('status/name = "Active"', null), 'status/name = "Active"');
  });

  it('reads after (lastUpdated, id): later time, or the same time and a higher id', () => {
    assert.equal(
      keysetConditions('', { lastUpdated: '2024-05-01T10:00:00Z', id: 42 }),
      'lastUpdated > [2024-05-01T10:00:00Z] or (lastUpdated = [2024-05-01T10:00:00Z] and id > 42)',
    );
  });

  it('and-s the cursor with the user conditions, each in parentheses', () => {
    assert.equal(
      keysetConditions('a = 1 or b = 2', { lastUpdated: '2024-05-01T10:00:00Z', id: 7 }),
      '(a = 1 or b = 2) and (lastUpdated > [2024-05-01T10:00:00Z] or (lastUpdated = [2024-05-01T10:00:00Z] and id > 7))',
    );
  });

  it('keeps the cursor time exactly as the server wrote it', () => {
    const text = keysetConditions('', { lastUpdated: '2024-05-01T10:00:00.5Z', id: 1 });
    assert.match(text, /\[2024-05-01T10:00:00\.5Z\]/);
  });

  it('refuses a tampered cursor', () => {
    assert.throws(() => keysetConditions('', { lastUpdated: '2024] or [x', id: 1 }), ConnectorError);
    assert.throws(
      () => keysetConditions('', { lastUpdated: '2024-05-01T10:00:00Z', id: 1.5 }),
      ConnectorError,
    );
  });

  it('orders by lastUpdated then id', () => {
    assert.equal(KEYSET_ORDER_BY, 'lastUpdated asc, id asc');
  });

  it('compares cursors by instant, then id (a time without zone is UTC)', () => {
    assert.equal(
      compareCursors(
        { lastUpdated: '2024-01-01T00:00:01Z', id: 1 },
        { lastUpdated: '2024-01-01T00:00:00Z', id: 9 },
      ),
      1,
    );
    assert.equal(
      compareCursors(
        { lastUpdated: '2024-01-01T00:00:00', id: 3 },
        { lastUpdated: '2024-01-01T00:00:00.000Z', id: 3 },
      ),
      0,
    );
    assert.equal(
      compareCursors(
        { lastUpdated: '2024-01-01T00:00:00Z', id: 2 },
        { lastUpdated: '2024-01-01T00:00:00Z', id: 3 },
      ),
      -1,
    );
  });
});

describe('keyset page', () => {
  it('takes the next cursor from the last record', () => {
    const page = keysetPage(
      'Companies',
      [rec(5, '2024-01-01T00:00:00Z'), rec(2, '2024-01-01T00:00:01Z')],
      null,
      2,
    );
    assert.deepEqual(page.nextCursor, { lastUpdated: '2024-01-01T00:00:01Z', id: 2 });
    assert.equal(page.done, false);
    assert.equal(page.records.length, 2);
  });

  it('is done on a short page and keeps the cursor when nothing was read', () => {
    const cursor = { lastUpdated: '2024-01-01T00:00:00Z', id: 9 };
    const empty = keysetPage('Companies', [], cursor, 100);
    assert.deepEqual(empty.nextCursor, cursor);
    assert.equal(empty.done, true);
    assert.equal(keysetPage('Companies', [rec(10, '2024-01-01T00:00:00Z')], cursor, 100).done, true);
  });

  it('refuses a record without id or _info.lastUpdated', () => {
    assert.throws(
      () => keysetPage('Companies', [{ id: 3 }], null, 10),
      (err: unknown) =>
        err instanceof ConnectorError &&
        err.kind === 'invalid_response' &&
        /_info\.lastUpdated/.test(err.message),
    );
  });

  const orderError = (pattern: RegExp) => (err: unknown) =>
    err instanceof ConnectorError &&
    err.kind === 'invalid_response' &&
    !err.retryable &&
    /did not honour orderBy=lastUpdated asc, id asc/.test(err.message) &&
    pattern.test(err.message);

  it('refuses a full page that does not move past the cursor (it would loop)', () => {
    const cursor = { lastUpdated: '2024-01-01T00:00:00Z', id: 9 };
    assert.throws(
      () => keysetPage('Companies', [rec(9, '2024-01-01T00:00:00Z')], cursor, 1),
      (err: unknown) =>
        err instanceof ConnectorError &&
        err.kind === 'invalid_response' &&
        /does not move past the cursor \(2024-01-01T00:00:00Z, id 9\)/.test(err.message),
    );
  });

  it('refuses a record from before the cursor’s second, on a short page too; the cursor never moves backwards', () => {
    const cursor = { lastUpdated: '2024-01-01T00:00:05Z', id: 9 };
    assert.throws(
      () => keysetPage('Companies', [rec(3, '2024-01-01T00:00:01Z')], cursor, 10),
      orderError(/is before the cursor \(2024-01-01T00:00:05Z, id 9\)/),
    );
    // A lower id in the cursor's own second comes back from a server that keeps fractions of seconds
    // (`lastUpdated > [t]` matches them): read again, harmless, and the cursor stays where it was.
    assert.deepEqual(
      keysetPage('Companies', [rec(8, '2024-01-01T00:00:05Z')], cursor, 10).nextCursor,
      cursor,
    );
    const after = [rec(10, '2024-01-01T00:00:05Z'), rec(1, '2024-01-01T00:00:06Z')];
    assert.deepEqual(keysetPage('Companies', after, cursor, 10).nextCursor, {
      lastUpdated: '2024-01-01T00:00:06Z',
      id: 1,
    });
  });

  it('refuses a page whose lastUpdated goes down: the last record would skip the ones before it', () => {
    const byTime = [
      rec(1, '2024-01-01T00:00:03Z'),
      rec(2, '2024-01-01T00:00:01Z'),
      rec(3, '2024-01-01T00:00:02Z'),
    ];
    assert.throws(
      () => keysetPage('Companies', byTime, null, 3),
      orderError(/position 1 \(2024-01-01T00:00:01Z, id 2\) sorts before the record at position 0/),
    );
    const serverTime = Date.parse('2024-01-01T00:00:10Z');
    assert.throws(
      () => keysetPage('Companies', byTime, null, 3, { serverTime, settleMs: 0 }),
      orderError(/position 1/),
    );
  });

  it('takes ids out of order within one second (fractions the server does not show), moving to the highest', () => {
    const byId = [rec(5, '2024-01-01T00:00:00Z'), rec(4, '2024-01-01T00:00:00Z')];
    const page = keysetPage('Companies', byId, null, 10);
    assert.equal(page.records.length, 2);
    assert.deepEqual(page.nextCursor, { lastUpdated: '2024-01-01T00:00:00Z', id: 5 });
  });

  it('starts the next read at the beginning of a second whose ids came out of order at the end of a full page', () => {
    // A whole-second server that ignores `id asc`: (t, 3) may still be unread after [(t, 5), (t, 4)].
    const page = keysetPage(
      'Companies',
      [rec(9, '2024-01-01T00:00:00Z'), rec(5, '2024-01-01T00:00:01Z'), rec(4, '2024-01-01T00:00:01Z')],
      null,
      3,
    );
    assert.equal(page.records.length, 3);
    assert.deepEqual(page.nextCursor, { lastUpdated: '2024-01-01T00:00:01Z', id: 0 });
    assert.equal(page.done, false);
    // A full page that is all one such second cannot be paged through: refused rather than looping.
    assert.throws(
      () =>
        keysetPage(
          'Companies',
          [rec(5, '2024-01-01T00:00:01Z'), rec(4, '2024-01-01T00:00:01Z')],
          { lastUpdated: '2024-01-01T00:00:01Z', id: 0 },
          2,
        ),
      /does not move past the cursor/,
    );
  });

  it('accepts equal times in id order, and the same instant written with or without a zone', () => {
    const page = keysetPage(
      'Companies',
      [rec(1, '2024-01-01T00:00:00'), rec(2, '2024-01-01T00:00:00Z'), rec(2, '2024-01-01T00:00:00.000Z')],
      null,
      10,
    );
    assert.equal(page.records.length, 3);
    assert.deepEqual(page.nextCursor, { lastUpdated: '2024-01-01T00:00:00.000Z', id: 2 });
  });

  it('reports the server time from the Date header', () => {
    const page = keysetPage('Companies', [], null, 10, { serverTime: Date.parse('2024-06-01T12:00:00Z') });
    assert.equal(page.serverTime, '2024-06-01T12:00:00.000Z');
  });

  it('with settleMs, holds back records changed in the current second of the server clock', () => {
    const serverTime = Date.parse('Sat, 01 Jun 2024 12:00:10 GMT');
    const records = [
      rec(1, '2024-06-01T12:00:08Z'),
      rec(2, '2024-06-01T12:00:09Z'),
      rec(3, '2024-06-01T12:00:10Z'),
    ];
    const none = keysetPage('Companies', records, null, 10, { serverTime });
    assert.equal(none.records.length, 3);
    const settled = keysetPage('Companies', records, null, 3, { serverTime, settleMs: 0 });
    assert.deepEqual(
      settled.records.map((r) => r.id),
      [1, 2],
    );
    assert.deepEqual(settled.nextCursor, { lastUpdated: '2024-06-01T12:00:09Z', id: 2 });
    assert.equal(settled.heldBack, 1);
    assert.equal(settled.done, true, 'the held-back record waits for a later read, not an immediate one');
    assert.equal(settled.heldBackUntil, '2024-06-01T12:00:11.000Z');
    assert.equal(none.heldBackUntil, undefined);
    const margin = keysetPage('Companies', records, null, 3, { serverTime, settleMs: 1500 });
    assert.deepEqual(
      margin.records.map((r) => r.id),
      [1],
    );
  });
});
