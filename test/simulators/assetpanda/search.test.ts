import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ApObjectView } from '../../../simulators/assetpanda/index.js';
import { company, COMPANIES, startApi, type Api, type ApiObject, type SearchReply } from './helpers.js';

const searchPath = `/v3/groups/${COMPANIES}/search/objects`;

function seedCompanies(api: Api, count: number): ApObjectView[] {
  return api.sim.admin.seedObjects(
    COMPANIES,
    Array.from({ length: count }, (_, i) => company(i + 1)),
  );
}

const numbers = (reply: { body: SearchReply }) => reply.body.objects.map((o) => o.data.field_1);

describe('asset panda simulator: search', () => {
  it('returns live objects in creation order with totals', async (t) => {
    const api = await startApi(t);
    seedCompanies(api, 3);
    const reply = await api.post<SearchReply>(searchPath, {});
    assert.equal(reply.status, 200);
    assert.deepEqual(numbers(reply), ['1', '2', '3']);
    assert.deepEqual(reply.body.totals, { objects: 3, group_totals: 3, offset: 0, limit: 50 });
  });

  it('field_filters: full match, case-insensitive, never partial', async (t) => {
    const api = await startApi(t);
    await api.post(`/v3/groups/${COMPANIES}/objects`, {
      objects: [company(1, 'Acme Corp'), company(2, 'Acme'), company(3, 'ACME')],
    });
    const reply = await api.post<SearchReply>(searchPath, { field_filters: { field_3: 'acme' } });
    assert.deepEqual(numbers(reply), ['2', '3']);
  });

  it('field_filters: numbers match by value, through the identifier index', async (t) => {
    const api = await startApi(t);
    seedCompanies(api, 1200);
    const reply = await api.post<SearchReply>(searchPath, { field_filters: { field_1: '1,100' } });
    assert.deepEqual(numbers(reply), ['1100']);
    const asNumber = await api.post<SearchReply>(searchPath, { field_filters: { field_1: 7 } });
    assert.deepEqual(numbers(asNumber), ['7']);
  });

  it('field_filters: an unknown field key is 400', async (t) => {
    const api = await startApi(t);
    const reply = await api.post(searchPath, { field_filters: { field_99: 'x' } });
    assert.equal(reply.status, 400);
    assert.match(String(reply.body.message), /field_99/);
  });

  it('search: free text matches a substring of any field, case-insensitive', async (t) => {
    const api = await startApi(t);
    await api.post(`/v3/groups/${COMPANIES}/objects`, {
      objects: [
        company(1, 'Northwind'),
        { ...company(2, 'Contoso'), field_6: 'North Bend' },
        company(3, 'Fabrikam'),
      ],
    });
    const reply = await api.post<SearchReply>(searchPath, { search: 'NORTH' });
    assert.deepEqual(numbers(reply), ['1', '2']);
  });

  it('ids: returns only the objects named', async (t) => {
    const api = await startApi(t);
    const created = seedCompanies(api, 4);
    const reply = await api.post<SearchReply>(searchPath, { ids: [created[3]!.id, created[1]!.id] });
    assert.deepEqual(numbers(reply), ['2', '4']);
  });

  it('last_modified: gte and lte bound updated_at', async (t) => {
    const api = await startApi(t);
    const [a, b, c] = seedCompanies(api, 3);
    const touched = await api.patch<ApiObject>(`/v3/groups/${COMPANIES}/objects/${b!.id}`, {
      field_6: 'Austin',
    });
    const since = await api.post<SearchReply>(searchPath, {
      last_modified: { gte: touched.body.updated_at },
    });
    assert.deepEqual(numbers(since), ['2']);
    const until = await api.post<SearchReply>(searchPath, { last_modified: { lte: c!.updatedAt } });
    assert.deepEqual(numbers(until), ['1', '3']);
    const between = await api.post<SearchReply>(searchPath, {
      last_modified: { gte: a!.updatedAt, lte: a!.updatedAt },
    });
    assert.deepEqual(numbers(between), ['1']);
  });

  it('last_modified: a value that is not a date-time is 400', async (t) => {
    const api = await startApi(t);
    assert.equal((await api.post(searchPath, { last_modified: { gte: 'yesterday' } })).status, 400);
  });

  it('view_archived: absent hides archived objects, "archived" shows only them, "all" shows both', async (t) => {
    const api = await startApi(t);
    const [, b] = seedCompanies(api, 3);
    await api.post(`/v3/groups/${COMPANIES}/objects/archive`, {
      object_ids: [b!.id],
      stop_date: '05/01/2024',
    });
    assert.deepEqual(numbers(await api.post<SearchReply>(searchPath, {})), ['1', '3']);
    assert.deepEqual(numbers(await api.post<SearchReply>(searchPath, { view_archived: 'archived' })), ['2']);
    assert.deepEqual(numbers(await api.post<SearchReply>(searchPath, { view_archived: 'all' })), [
      '1',
      '2',
      '3',
    ]);
  });

  it('view_archived: any other value is 400', async (t) => {
    const api = await startApi(t);
    assert.equal((await api.post(searchPath, { view_archived: true })).status, 400);
  });

  it('pages with offset and limit in the query string; default limit 50', async (t) => {
    const api = await startApi(t);
    seedCompanies(api, 120);
    const first = await api.post<SearchReply>(searchPath, {});
    assert.equal(first.body.objects.length, 50);
    const page = await api.post<SearchReply>(`${searchPath}?offset=100&limit=30`, {});
    assert.deepEqual(page.body.totals, { objects: 20, group_totals: 120, offset: 100, limit: 30 });
    assert.equal(page.body.objects[0]!.data.field_1, '101');
  });

  it('caps limit at maxSearchLimit', async (t) => {
    const api = await startApi(t, { maxSearchLimit: 25 });
    seedCompanies(api, 40);
    const reply = await api.post<SearchReply>(`${searchPath}?limit=1000`, {});
    assert.equal(reply.body.objects.length, 25);
    assert.equal(reply.body.totals.limit, 25);
  });

  it('refuses a negative or non-numeric offset/limit with 400', async (t) => {
    const api = await startApi(t);
    assert.equal((await api.post(`${searchPath}?offset=-1`, {})).status, 400);
    assert.equal((await api.post(`${searchPath}?limit=ten`, {})).status, 400);
    assert.equal((await api.post(`${searchPath}?limit=0`, {})).status, 400);
  });

  it('answers on both search paths by default', async (t) => {
    const api = await startApi(t);
    seedCompanies(api, 2);
    const a = await api.post<SearchReply>(`/v3/groups/${COMPANIES}/search/objects`, {});
    const b = await api.post<SearchReply>(`/v3/groups/${COMPANIES}/objects/search`, {});
    assert.deepEqual(a.body, b.body);
  });

  it('answers only the configured search path; the other is 404', async (t) => {
    const api = await startApi(t, { searchPath: 'objects/search' });
    assert.equal((await api.post(`/v3/groups/${COMPANIES}/search/objects`, {})).status, 404);
    assert.equal((await api.post(`/v3/groups/${COMPANIES}/objects/search`, {})).status, 200);
    const other = await startApi(t, { searchPath: 'search/objects' });
    assert.equal((await other.post(`/v3/groups/${COMPANIES}/objects/search`, {})).status, 404);
  });

  it('combines filters with AND', async (t) => {
    const api = await startApi(t);
    await api.post(`/v3/groups/${COMPANIES}/objects`, {
      objects: [
        { ...company(1), field_6: 'Austin' },
        { ...company(2), field_6: 'Austin' },
        { ...company(3), field_6: 'Dallas' },
      ],
    });
    const reply = await api.post<SearchReply>(searchPath, {
      field_filters: { field_6: 'austin' },
      search: 'company 2',
    });
    assert.deepEqual(numbers(reply), ['2']);
  });
});
