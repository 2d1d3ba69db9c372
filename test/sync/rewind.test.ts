/** The overlap an incremental run starts with reads ConnectWise times as UTC, whatever the worker's zone. */
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { rewind } from '../../activities/run-lifecycle.js';

const zone = process.env.TZ;
afterEach(() => {
  if (zone === undefined) delete process.env.TZ;
  else process.env.TZ = zone;
});

describe('rewinding the cursor by the overlap', () => {
  for (const tz of ['UTC', 'America/New_York', 'Asia/Kolkata'])
    it(`reads a time without a zone as UTC on a worker in ${tz}`, () => {
      process.env.TZ = tz;
      assert.deepEqual(rewind({ lastUpdated: '2024-01-01T10:00:00', lastId: 5 }, 60), {
        lastUpdated: '2024-01-01T09:59:00.000Z',
        lastId: 0,
      });
      assert.deepEqual(
        rewind({ lastUpdated: '2024-01-01T10:00:00Z', lastId: 5 }, 60).lastUpdated,
        '2024-01-01T09:59:00.000Z',
      );
    });
});
