/**
 * Mappings: proposed from the group's field names, saved only when they fit the real group and entity
 * (one 422 entry per problem), read, deleted, and previewed on real records.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { startApiHarness, type ApiHarness } from '../support/api-harness.js';
import { devServer } from '../support/temporal.js';
import { GROUP_OF, assertError, closeHarness, createIntegration, mapEntity, problems } from './helpers.js';

interface FieldMapping {
  source?: string;
  target: string;
  transform?: { type: string };
}
interface Spec {
  groupId: number;
  uniqueKey: { source: string; target: string };
  fields: FieldMapping[];
  filters: unknown[];
  options?: Record<string, unknown>;
}

describe('mappings', () => {
  let env: TestWorkflowEnvironment;
  let h: ApiHarness;
  let id: string;
  /** The proposal for configurations onto Devices (1002), which fits as it is. */
  let devices: Spec;
  const url = (entity = 'configurations') => `/api/integrations/${id}/mappings/${entity}`;
  const withFields = (change: (fields: FieldMapping[]) => FieldMapping[]): Spec => ({
    ...structuredClone(devices),
    fields: change(structuredClone(devices.fields)),
  });

  before(async () => {
    env = await devServer();
    h = await startApiHarness(env, { cw: { counts: { configurations: 30, agreements: 5 } } });
    id = await createIntegration(h, 'Mappings');
    const proposal = await h.call('GET', `${url()}/proposal?groupId=${GROUP_OF.configurations}`);
    devices = proposal.body.spec;
  });
  after(async () => {
    await closeHarness(h);
    await env?.teardown();
  });

  describe('GET …/mappings/:entity/proposal', () => {
    it("proposes a mapping by matching the group's field names", async () => {
      const res = await h.call('GET', `${url()}/proposal?groupId=${GROUP_OF.configurations}`);
      assert.equal(res.status, 200);
      assert.deepEqual(res.body.spec.uniqueKey, { source: 'id', target: 'field_1' });
      assert.equal(res.body.spec.groupId, GROUP_OF.configurations);
      assert.ok(
        res.body.spec.fields.some((f: FieldMapping) => f.source === 'serialNumber' && f.target === 'field_6'),
      );
      assert.ok(res.body.matched.length >= 10);
      assert.deepEqual(res.body.problems, []);
    });

    it('answers 404 for a group Asset Panda does not have', async () => {
      assertError(await h.call('GET', `${url()}/proposal?groupId=9999`), 404, 'not_found');
    });

    it('refuses a missing groupId with 400', async () => {
      const error = assertError(await h.call('GET', `${url()}/proposal`), 400, 'invalid_request');
      assert.deepEqual(
        problems(error).map((p) => p.path),
        ['groupId'],
      );
    });

    it('refuses a groupId that is not a number with 400', async () => {
      assertError(await h.call('GET', `${url()}/proposal?groupId=devices`), 400, 'invalid_request');
    });

    it('answers 404 for an unknown entity in the path', async () => {
      assertError(await h.call('GET', `${url('widgets')}/proposal?groupId=1002`), 404, 'not_found');
    });

    it('answers 404 for an unknown integration', async () => {
      assertError(
        await h.call('GET', `/api/integrations/no-such-id/mappings/configurations/proposal?groupId=1002`),
        404,
        'not_found',
      );
    });
  });

  describe('PUT …/mappings/:entity', () => {
    it('saves a mapping that fits, with the transforms its target types call for', async () => {
      const bare = withFields((f) => f.map(({ source, target }) => ({ source, target })));
      const res = await h.call('PUT', url(), bare);
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.equal(res.body.integrationId, id);
      assert.equal(res.body.entity, 'configurations');
      const spec = res.body.spec as Spec;
      assert.deepEqual(spec.uniqueKey, devices.uniqueKey);
      assert.equal(spec.fields.find((f) => f.target === 'field_10')?.transform?.type, 'date');
      assert.equal(spec.fields.find((f) => f.target === 'field_15')?.transform?.type, 'boolean');
      assert.equal(spec.fields.find((f) => f.target === 'field_2')?.transform, undefined, 'text as it is');
      assert.equal(spec.options?.pageSize, 1000, 'defaults filled in');
      const integration = await h.call('GET', `/api/integrations/${id}`);
      assert.ok(integration.body.mappings.includes('configurations'));
    });

    it('GET reads back the mapping as saved', async () => {
      const saved = await h.call('PUT', url(), devices);
      const read = await h.call('GET', url());
      assert.equal(read.status, 200);
      assert.deepEqual(read.body, saved.body);
    });

    const refused: Array<{ what: string; spec: () => Spec; path: string; message: RegExp }> = [
      {
        what: 'an unknown Asset Panda field key',
        spec: () => withFields((f) => [...f, { source: 'notes', target: 'field_99' }]),
        path: 'fields.15.target',
        message: /field_99 is not a field of group 1002 \(Devices\)/,
      },
      {
        what: 'an unknown ConnectWise field',
        spec: () =>
          withFields((f) => f.map((m) => (m.target === 'field_7' ? { ...m, source: 'colour' } : m))),
        path: 'fields.5.source',
        message: /colour is not a field of ConnectWise configurations/,
      },
      {
        what: 'a type mismatch (a yes/no source into a date field)',
        spec: () =>
          withFields((f) =>
            f.map((m) => (m.target === 'field_10' ? { source: 'activeFlag', target: 'field_10' } : m)),
          ),
        path: 'fields.8.transform',
        message: /Purchase Date: the source is boolean, the field is a date field/,
      },
      {
        what: 'a required field left unmapped',
        spec: () => withFields((f) => f.filter((m) => m.target !== 'field_2')),
        path: 'fields',
        message: /Name \(field_2\) is required in group 1002 \(Devices\) but not mapped/,
      },
      {
        what: 'a volatile unique identifier (name)',
        spec: () => ({
          ...structuredClone(devices),
          uniqueKey: { source: 'name', target: 'field_2' },
          fields: [
            ...structuredClone(devices.fields).filter((m) => m.target !== 'field_2'),
            { source: 'id', target: 'field_1' },
          ],
        }),
        path: 'uniqueKey.source',
        message:
          /name cannot be the unique identifier of configurations: names and descriptions change over time/,
      },
      {
        what: 'a unique identifier in a date field',
        spec: () => ({
          ...structuredClone(devices),
          uniqueKey: { source: 'id', target: 'field_16' },
          fields: [
            ...structuredClone(devices.fields).filter((m) => m.target !== 'field_16'),
            { source: 'id', target: 'field_1' },
          ],
        }),
        path: 'uniqueKey.target',
        message: /Last Updated is a date field and cannot hold an identifier/,
      },
      {
        what: 'a field mapped twice',
        spec: () => withFields((f) => [...f, { source: 'notes', target: 'field_6' }]),
        path: 'fields.15.target',
        message: /already mapped/,
      },
      {
        what: 'a filter on an unknown field',
        spec: () => ({ ...structuredClone(devices), filters: [{ field: 'colour', op: '=', value: 'red' }] }),
        path: 'filters.0.field',
        message: /colour is not a field/,
      },
    ];
    for (const c of refused)
      it(`refuses ${c.what} with 422 and exactly one problem`, async () => {
        const error = assertError(
          await h.call('PUT', url('configurations'), c.spec()),
          422,
          'invalid_mapping',
        );
        const list = problems(error);
        assert.equal(list.length, 1, JSON.stringify(list));
        assert.equal(list[0]?.path, c.path);
        assert.match(list[0]?.message ?? '', c.message);
      });

    it('refuses an unknown group with 422 naming groupId', async () => {
      const error = assertError(
        await h.call('PUT', url(), { ...devices, groupId: 9999 }),
        422,
        'invalid_mapping',
      );
      assert.deepEqual(problems(error), [
        {
          path: 'groupId',
          message: `Asset Panda has no group 9999 (see GET /api/integrations/${id}/catalog)`,
        },
      ]);
    });

    it('reports one entry per problem when a mapping has several', async () => {
      const spec: Spec = {
        ...structuredClone(devices),
        uniqueKey: { source: 'name', target: 'field_1' },
        fields: [
          ...structuredClone(devices.fields).filter((m) => m.target !== 'field_2'),
          { source: 'notes', target: 'field_99' },
        ],
      };
      const error = assertError(await h.call('PUT', url(), spec), 422, 'invalid_mapping');
      assert.deepEqual(
        problems(error)
          .map((p) => p.path)
          .sort(),
        ['fields', 'fields.14.target', 'uniqueKey.source'],
      );
    });

    it('a refused mapping leaves the saved one as it was', async () => {
      const saved = await h.call('PUT', url(), devices);
      assertError(await h.call('PUT', url(), { ...devices, groupId: 9999 }), 422, 'invalid_mapping');
      assert.deepEqual((await h.call('GET', url())).body, saved.body);
    });

    const malformed: Array<{ what: string; body: () => unknown; path: string }> = [
      {
        what: 'a target that is not a field key',
        body: () => withFields((f) => [...f, { source: 'notes', target: 'Notes' }]),
        path: 'fields.15.target',
      },
      {
        what: 'a missing unique key',
        body: () => ({ ...structuredClone(devices), uniqueKey: undefined }),
        path: 'uniqueKey',
      },
      {
        what: 'a field without source, template or default',
        body: () => withFields((f) => [...f, { target: 'field_99' }]),
        path: 'fields.15',
      },
      {
        what: 'an unknown transform',
        body: () =>
          withFields((f) => [...f, { source: 'notes', target: 'field_99', transform: { type: 'upper' } }]),
        path: 'fields.15.transform.type',
      },
      {
        what: 'a filter operator that needs a value given none',
        body: () => ({ ...structuredClone(devices), filters: [{ field: 'name', op: '=' }] }),
        path: 'filters.0.value',
      },
      {
        what: 'a page size over 1000',
        body: () => ({ ...structuredClone(devices), options: { pageSize: 5000 } }),
        path: 'options.pageSize',
      },
      {
        what: 'an unknown key',
        body: () => ({ ...structuredClone(devices), colour: 'blue' }),
        path: '(body)',
      },
    ];
    for (const c of malformed)
      it(`refuses ${c.what} with 400 naming ${c.path}`, async () => {
        const error = assertError(await h.call('PUT', url(), c.body()), 400, 'invalid_request');
        assert.ok(
          problems(error).some((p) => p.path === c.path),
          `a problem at ${c.path}: ${JSON.stringify(error.details)}`,
        );
      });

    it('answers 404 for an unknown entity in the path', async () => {
      assertError(await h.call('PUT', url('widgets'), devices), 404, 'not_found');
    });

    it('answers 404 for an unknown integration', async () => {
      assertError(
        await h.call('PUT', '/api/integrations/no-such-id/mappings/configurations', devices),
        404,
        'not_found',
      );
    });
  });

  describe('GET and DELETE …/mappings/:entity', () => {
    it('GET answers 404 for an entity that has no mapping', async () => {
      assertError(await h.call('GET', url('tickets')), 404, 'not_found');
    });

    it('GET answers 404 for an unknown entity in the path', async () => {
      assertError(await h.call('GET', url('widgets')), 404, 'not_found');
    });

    it('DELETE removes the mapping (204), after which it is 404 and no longer listed', async () => {
      await mapEntity(h, id, 'agreements');
      const res = await h.call('DELETE', url('agreements'));
      assert.equal(res.status, 204);
      assertError(await h.call('GET', url('agreements')), 404, 'not_found');
      const integration = await h.call('GET', `/api/integrations/${id}`);
      assert.ok(!integration.body.mappings.includes('agreements'));
    });

    it('DELETE answers 404 for an entity that has no mapping', async () => {
      assertError(await h.call('DELETE', url('tickets')), 404, 'not_found');
    });

    it('DELETE answers 404 for an unknown integration', async () => {
      assertError(await h.call('DELETE', '/api/integrations/no-such-id/mappings/tickets'), 404, 'not_found');
    });
  });

  describe('POST …/mappings/:entity/preview', () => {
    it('maps the first records as a run would write them, named by field', async () => {
      await h.call('PUT', url(), devices);
      const res = await h.call('POST', `${url()}/preview`, { limit: 3 });
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.equal(res.body.fetched, 3);
      assert.equal(res.body.records.length + res.body.filteredOut, 3);
      const [first] = res.body.records;
      const source = h.cw.admin.get('configurations', first.cwId);
      assert.ok(source);
      assert.equal(first.ok, true);
      assert.equal(first.uniqueValue, String(source.id));
      assert.deepEqual(first.values.field_2, { field: 'Name', value: source.name });
    });

    it('previews 10 records when no limit is given', async () => {
      await h.call('PUT', url(), devices);
      const res = await h.call('POST', `${url()}/preview`, {});
      assert.equal(res.status, 200);
      assert.equal(res.body.fetched, 10);
    });

    it("applies the mapping's filters", async () => {
      const filters = [{ field: 'activeFlag', op: '=', value: true }];
      assert.equal((await h.call('PUT', url(), { ...devices, filters })).status, 200);
      const res = await h.call('POST', `${url()}/preview`, { limit: 20 });
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.ok(res.body.records.length > 0);
      assert.ok(
        res.body.records.every((r: { cwId: number }) => h.cw.admin.get('configurations', r.cwId)?.activeFlag),
      );
      await h.call('PUT', url(), devices);
    });

    for (const limit of [0, 51])
      it(`refuses limit ${limit} with 400`, async () => {
        const error = assertError(
          await h.call('POST', `${url()}/preview`, { limit }),
          400,
          'invalid_request',
        );
        assert.deepEqual(
          problems(error).map((p) => p.path),
          ['limit'],
        );
      });

    it('answers 404 for an entity that has no mapping', async () => {
      assertError(await h.call('POST', `${url('tickets')}/preview`, {}), 404, 'not_found');
    });

    it('says that ConnectWise refused the saved keys instead of answering 500', async () => {
      const other = await createIntegration(h, 'Preview bad CW');
      await mapEntity(h, other, 'agreements');
      await h.call('PATCH', `/api/integrations/${other}?test=false`, {
        connectwise: { privateKey: 'wrong-private-key' },
      });
      const res = await h.call('POST', `/api/integrations/${other}/mappings/agreements/preview`, {});
      assert.notEqual(res.status, 500, JSON.stringify(res.body));
      assert.ok(res.status >= 400);
      assert.match(res.body.error.message, /ConnectWise/);
    });
  });
});
