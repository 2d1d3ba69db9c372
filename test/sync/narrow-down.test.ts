/** Finding the objects of a refused batch that Asset Panda really refuses. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AssetPandaValidationError } from '../../connectors/assetpanda/index.js';
import { narrowDown } from '../../sync/write-objects.js';

const refusal = (batch: string[], blamedIndex: number) =>
  new AssetPandaValidationError(
    {
      attributed: true,
      records: [{ index: blamedIndex, fields: [{ field: 'field_1', messages: ['is not unique'] }] }],
      unattributed: [],
    },
    batch.length,
    422,
    'POST /v3/groups/1/objects',
  );

describe('narrowing a refused batch down', () => {
  it('sends a blamed object again on its own before quarantining it, so a misplaced blame costs nothing', async () => {
    const sent: string[][] = [];
    const written: string[] = [];
    const rejected: string[] = [];
    // The server refuses "c" but its error list points at the first place of the batch.
    const send = async (batch: string[]) => {
      sent.push(batch);
      if (batch.includes('c')) throw refusal(batch, 0);
      written.push(...batch);
    };
    await narrowDown(['a', 'b', 'c'], send, async (item) => {
      rejected.push(item);
    });
    assert.deepEqual(rejected, ['c']);
    assert.deepEqual(written.sort(), ['a', 'b']);
    assert.deepEqual(sent, [['a', 'b', 'c'], ['a'], ['b', 'c'], ['b'], ['c']]);
  });
});
