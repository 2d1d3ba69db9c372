import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { apiUrl, get, getJson, goodHeaders, ids, parseLink, startSim } from './helpers.js';
import type { Sim } from './helpers.js';

describe('ConnectWise simulator: navigable paging', () => {
  let sim: Sim;
  before(async () => {
    sim = await startSim({ counts: { companies: 5, configurations: 1203 } });
  });
  after(() => sim.close());

  it('defaults pageSize to 25', async () => {
    assert.equal((await getJson(sim, 'company/configurations')).length, 25);
  });

  it('caps pageSize above 1000 at 1000 without complaint', async () => {
    assert.equal((await getJson(sim, 'company/configurations', { pageSize: 5000 })).length, 1000);
  });

  it('answers a page past the end with 200 and []', async () => {
    const res = await get(sim, 'company/configurations', { pageSize: 1000, page: 9 });
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), []);
  });

  it('links only next and last from the first page, in the RFC 5988 form', async () => {
    const res = await get(sim, 'company/configurations', { pageSize: 500 });
    const base = apiUrl(sim, 'company/configurations');
    assert.equal(
      res.headers.get('link'),
      `<${base}?pageSize=500&page=2>; rel="next", <${base}?pageSize=500&page=3>; rel="last"`,
    );
  });

  it('links first, prev, next and last from a middle page, keeping the other parameters', async () => {
    const res = await get(sim, 'company/configurations', { pageSize: 100, page: 5, orderBy: 'id desc' });
    const links = parseLink(res.headers.get('link'));
    assert.deepEqual(Object.keys(links), ['first', 'prev', 'next', 'last']);
    const next = new URL(links.next as string);
    assert.equal(next.searchParams.get('page'), '6');
    assert.equal(next.searchParams.get('orderBy'), 'id desc');
    assert.equal(new URL(links.last as string).searchParams.get('page'), '13');
    assert.equal(new URL(links.prev as string).searchParams.get('page'), '4');
  });

  it('links only first and prev from the last page', async () => {
    const res = await get(sim, 'company/configurations', { pageSize: 1000, page: 2 });
    assert.deepEqual(Object.keys(parseLink(res.headers.get('link'))), ['first', 'prev']);
  });

  it('puts page last in every link, where clients read page=N>', async () => {
    const res = await get(sim, 'company/configurations', { page: 2, pageSize: 10, conditions: 'id > 0' });
    for (const url of Object.values(parseLink(res.headers.get('link')))) assert.match(url, /[?&]page=\d+$/);
  });

  it('sends no Link header when everything fits on one page', async () => {
    const res = await get(sim, 'company/companies', { pageSize: 10 });
    assert.equal(res.headers.get('link'), null);
  });

  it('follows next links to visit every record exactly once', async () => {
    const seen: number[] = [];
    let url: string | undefined = apiUrl(sim, 'company/configurations', { pageSize: 250 });
    while (url) {
      const res: Response = await fetch(url, { headers: goodHeaders(sim) });
      seen.push(...ids((await res.json()) as Record<string, unknown>[]));
      url = parseLink(res.headers.get('link')).next;
    }
    assert.deepEqual(seen, ids(sim.admin.all('configurations')));
  });

  it('refuses a page that is not a positive whole number with 400', async () => {
    for (const page of ['0', '-1', 'two']) {
      const res = await get(sim, 'company/configurations', { page });
      assert.equal(res.status, 400, page);
    }
  });
});
