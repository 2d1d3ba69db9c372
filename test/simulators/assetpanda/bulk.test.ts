import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEVICES, startApi, type SearchReply } from './helpers.js';

const BATCHES = 250;
const PER_BATCH = 200;

function device(n: number): Record<string, string> {
  return {
    field_1: String(n),
    field_2: `Device ${n}`,
    field_6: `SN-${n.toString(36).toUpperCase()}`,
    field_10: '03/15/2023',
    field_15: n % 2 === 0 ? 'true' : 'false',
  };
}

describe('asset panda simulator: bulk writes', () => {
  it('writes 50,000 objects in 250 batches, and still finds one by identifier', async (t) => {
    const api = await startApi(t, { callsPerWindow: 0 });
    const started = performance.now();
    for (let b = 0; b < BATCHES; b += 1) {
      const objects = Array.from({ length: PER_BATCH }, (_, i) => device(b * PER_BATCH + i + 1));
      const reply = await api.post(`/v3/groups/${DEVICES}/objects`, { objects });
      assert.equal(reply.status, 201);
    }
    const elapsed = performance.now() - started;
    t.diagnostic(`50,000 objects in ${Math.round(elapsed)} ms`);
    assert.equal(api.sim.admin.objects(DEVICES).length, BATCHES * PER_BATCH);

    const found = await api.post<SearchReply>(`/v3/groups/${DEVICES}/search/objects`, {
      field_filters: { field_1: '49999' },
    });
    assert.deepEqual(
      found.body.objects.map((o) => o.data.field_2),
      ['Device 49999'],
    );
    const duplicate = await api.post(`/v3/groups/${DEVICES}/objects`, device(12345));
    assert.equal(duplicate.status, 422);
  });
});
