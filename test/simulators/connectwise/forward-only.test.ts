import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { apiUrl, get, getJson, goodHeaders, ids, parseLink, startSim } from './helpers.js';
import type { Sim } from './helpers.js';

const FORWARD = { 'pagination-type': 'forward-only' };

describe('ConnectWise simulator: forward-only paging', () => {
  let sim: Sim;
  let all: number[];
  before(async () => {
    sim = await startSim({ counts: { companies: 5, configurations: 120 } });
    all = ids(sim.admin.all('configurations'));
  });
  after(() => sim.close());

  it('returns the first records in id order without a pageId', async () => {
    assert.deepEqual(
      ids(await getJson(sim, 'company/configurations', { pageSize: 10 }, FORWARD)),
      all.slice(0, 10),
    );
  });

  it('starts after the given pageId', async () => {
    const rows = await getJson(
      sim,
      'company/configurations',
      { pageSize: 5, pageId: all[19] as number },
      FORWARD,
    );
    assert.deepEqual(ids(rows), all.slice(20, 25));
  });

  it('starts after a pageId that is not itself a record id', async () => {
    const i = all.findIndex((id, k) => (all[k + 1] ?? id) - id > 1);
    assert.ok(i >= 0, 'seeded ids have gaps');
    const rows = await getJson(
      sim,
      'company/configurations',
      { pageSize: 1, pageId: (all[i] as number) + 1 },
      FORWARD,
    );
    assert.deepEqual(ids(rows), [all[i + 1]]);
  });

  it('ignores page', async () => {
    const rows = await getJson(sim, 'company/configurations', { pageSize: 5, page: 3 }, FORWARD);
    assert.deepEqual(ids(rows), all.slice(0, 5));
  });

  it('links the next page by pageId = the last id of this page', async () => {
    const res = await get(sim, 'company/configurations', { pageSize: 7, fields: 'id' }, FORWARD);
    const next = new URL(parseLink(res.headers.get('link')).next as string);
    assert.equal(next.searchParams.get('pageId'), String(all[6]));
    assert.equal(next.searchParams.get('fields'), 'id');
  });

  it('sends an empty Link header when no page follows', async () => {
    const res = await get(
      sim,
      'company/configurations',
      { pageSize: 10, pageId: all[all.length - 3] as number },
      FORWARD,
    );
    assert.equal(((await res.json()) as unknown[]).length, 2);
    assert.equal(res.headers.get('link'), '');
  });

  it('sends an empty Link header when the last page is exactly full', async () => {
    const res = await get(
      sim,
      'company/configurations',
      { pageSize: 10, pageId: all[all.length - 11] as number },
      FORWARD,
    );
    assert.equal(((await res.json()) as unknown[]).length, 10);
    assert.equal(res.headers.get('link'), '');
  });

  it('refuses orderBy with 400', async () => {
    const res = await get(sim, 'company/configurations', { orderBy: 'id asc' }, FORWARD);
    assert.equal(res.status, 400);
    assert.match(((await res.json()) as { message: string }).message, /orderBy/);
  });

  it('applies conditions as well as id > pageId', async () => {
    const active = ids(sim.admin.all('configurations').filter((r) => r.activeFlag === true));
    const rows = await getJson(
      sim,
      'company/configurations',
      { pageSize: 1000, pageId: active[3] as number, conditions: 'activeFlag = true' },
      FORWARD,
    );
    assert.deepEqual(ids(rows), active.slice(4));
  });

  it('following the Link header visits every record exactly once', async () => {
    const seen: number[] = [];
    let url: string | undefined = apiUrl(sim, 'company/configurations', { pageSize: 25 });
    while (url) {
      const res: Response = await fetch(url, { headers: { ...goodHeaders(sim), ...FORWARD } });
      seen.push(...ids((await res.json()) as Record<string, unknown>[]));
      url = parseLink(res.headers.get('link')).next;
    }
    assert.deepEqual(seen, all);
  });
});
