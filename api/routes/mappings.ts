/**
 * The catalog (what can be mapped on both sides) and the mappings of an integration: propose, save
 * (validated against the real group and entity), read, delete and preview.
 */
import { z } from 'zod';
import { conditionFilter } from '../../activities/fetch-page.js';
import { deleteSchedule } from '../../client/schedules.js';
import { arrayFieldTest, sourceFields } from '../../activities/source-fields.js';
import type { AssetPandaClient } from '../../connectors/assetpanda/index.js';
import { ENTITIES, ENTITY_NAMES } from '../../connectors/connectwise/index.js';
import { mapRecord } from '../../mapping/apply.js';
import { proposeMapping } from '../../mapping/defaults.js';
import type { CwEntityName } from '../../mapping/entity-names.js';
import type { TargetField } from '../../mapping/fields.js';
import { matchesFilters, planFilters } from '../../mapping/filters.js';
import { IDENTIFIER_CHOICES } from '../../mapping/identifiers.js';
import { neededFields } from '../../mapping/needed-fields.js';
import { mappingSpecSchema } from '../../mapping/spec.js';
import { resolveTransforms, validateMapping } from '../../mapping/validate.js';
import type { StoredMapping } from '../../store/mappings.js';
import type { ApiContext } from '../context.js';
import type { Endpoints } from '../endpoint.js';
import { ApiError, notFound } from '../errors.js';
import {
  catalogSchema,
  entityParams,
  errorSchema,
  idParams,
  mappingBodySchema,
  mappingProblemSchema,
  mappingViewSchema,
  previewBodySchema,
  previewSchema,
  proposalQuerySchema,
} from '../schemas.js';
import { loadIntegration } from './integrations.js';

async function groupTargets(
  ap: AssetPandaClient,
  groupId: number,
): Promise<{ name: string; targets: TargetField[] } | undefined> {
  const group = (await ap.listGroups()).find((g) => g.id === groupId);
  if (!group) return undefined;
  const fields = await ap.listFields(groupId);
  return {
    name: group.name,
    targets: fields.map((f) => ({ key: f.key, name: f.name, type: f.type ?? 'text', required: f.required })),
  };
}

const mappingView = (m: StoredMapping) => ({
  integrationId: m.integrationId,
  entity: m.entity,
  spec: m.spec,
  updatedAt: m.updatedAt,
});

async function refuseWhileRunning(ctx: ApiContext, integrationId: string, entity: string): Promise<void> {
  const active = await ctx.store.runs.active(integrationId, entity);
  if (active)
    throw new ApiError(
      409,
      'run_active',
      `Run ${active.runId} is syncing ${entity}; change the mapping when it has finished`,
      {
        runId: active.runId,
      },
    );
}

export function mappingRoutes(ctx: ApiContext, endpoints: Endpoints): void {
  const tag = 'Mappings';

  endpoints.add({
    method: 'get',
    path: '/api/integrations/:id/catalog',
    tag,
    summary: 'What can be mapped: ConnectWise entities and fields, Asset Panda groups and fields',
    params: idParams,
    responses: {
      200: { description: 'Both sides of a mapping', schema: catalogSchema },
      404: { description: 'Unknown id', schema: errorSchema },
    },
    handler: async ({ params }) => {
      await loadIntegration(ctx, params.id);
      const ap = await ctx.connections.assetpanda(params.id);
      const groups = await ap.listGroups();
      const withFields = [];
      for (const group of groups) {
        const fields = await ap.listFields(group.id);
        withFields.push({
          id: group.id,
          name: group.name,
          fields: fields.map((f) => ({
            key: f.key,
            name: f.name,
            type: f.type ?? 'text',
            required: f.required,
          })),
        });
      }
      const entities = ENTITY_NAMES.map((name) => ({
        name,
        label: ENTITIES[name].label,
        permission: ENTITIES[name].permission,
        fields: ENTITIES[name].fields.map((f) => ({ path: f.path, type: f.type, array: f.array })),
        identifiers: IDENTIFIER_CHOICES[name].map((c) => ({
          path: c.path,
          label: c.label,
          recommended: Boolean(c.recommended),
        })),
      }));
      return { status: 200, body: { connectwise: { entities }, assetPanda: { groups: withFields } } };
    },
  });

  endpoints.add({
    method: 'get',
    path: '/api/integrations/:id/mappings/:entity/proposal',
    tag,
    summary: "Propose a mapping by matching the group's field names",
    params: entityParams,
    query: proposalQuerySchema,
    responses: {
      200: {
        description: 'A mapping to review and PUT, the matches made, and what is missing',
        schema: z.object({
          spec: z.unknown().optional(),
          matched: z.array(z.unknown()),
          problems: z.array(z.string()),
        }),
      },
      404: { description: 'Unknown integration or group', schema: errorSchema },
    },
    handler: async ({ params, query }) => {
      await loadIntegration(ctx, params.id);
      const group = await groupTargets(await ctx.connections.assetpanda(params.id), query.groupId);
      if (!group) throw notFound(`Asset Panda group ${query.groupId}`);
      return { status: 200, body: proposeMapping(params.entity, query.groupId, group.targets) };
    },
  });

  endpoints.add({
    method: 'put',
    path: '/api/integrations/:id/mappings/:entity',
    tag,
    summary: 'Save the mapping of an entity (validated against the real group and entity)',
    description:
      'Fields are ConnectWise paths (`name`, `status/name`, `types/0/name`, `_info/lastUpdated`, `custom:<caption>`) mapped to `field_N` keys, with optional transforms. A field without transform gets the one its target type calls for.',
    params: entityParams,
    body: mappingBodySchema,
    responses: {
      200: { description: 'The saved mapping', schema: mappingViewSchema },
      404: { description: 'Unknown integration', schema: errorSchema },
      409: { description: 'A run of this entity is active', schema: errorSchema },
      422: {
        description: 'One entry per problem in error.details',
        schema: errorSchema.extend({
          error: z.object({ code: z.string(), message: z.string(), details: z.array(mappingProblemSchema) }),
        }),
      },
    },
    handler: async ({ params, body }) => {
      await loadIntegration(ctx, params.id);
      await refuseWhileRunning(ctx, params.id, params.entity);
      const spec = mappingSpecSchema.parse(body);
      const group = await groupTargets(await ctx.connections.assetpanda(params.id), spec.groupId);
      if (!group)
        throw new ApiError(422, 'invalid_mapping', 'The mapping does not fit the group or entity', [
          {
            path: 'groupId',
            message: `Asset Panda has no group ${spec.groupId} (see GET /api/integrations/${params.id}/catalog)`,
          },
        ]);
      const problems = validateMapping(spec, {
        entity: params.entity,
        groupName: group.name,
        sourceFields: sourceFields(params.entity),
        targetFields: group.targets,
      });
      if (problems.length > 0)
        throw new ApiError(422, 'invalid_mapping', 'The mapping does not fit the group or entity', problems);
      const stored = await ctx.store.mappings.put(
        params.id,
        params.entity,
        resolveTransforms(spec, group.targets),
      );
      return { status: 200, body: mappingView(stored) };
    },
  });

  endpoints.add({
    method: 'get',
    path: '/api/integrations/:id/mappings/:entity',
    tag,
    summary: 'Read the mapping of an entity',
    params: entityParams,
    responses: {
      200: { description: 'The mapping', schema: mappingViewSchema },
      404: { description: 'No such integration or mapping', schema: errorSchema },
    },
    handler: async ({ params }) => {
      await loadIntegration(ctx, params.id);
      const mapping = await ctx.store.mappings.get(params.id, params.entity);
      if (!mapping) throw notFound(`Mapping of ${params.entity}`);
      return { status: 200, body: mappingView(mapping) };
    },
  });

  endpoints.add({
    method: 'delete',
    path: '/api/integrations/:id/mappings/:entity',
    tag,
    summary: 'Delete the mapping of an entity (objects already in Asset Panda stay)',
    params: entityParams,
    responses: {
      204: { description: 'Deleted' },
      404: { description: 'No such mapping', schema: errorSchema },
      409: { description: 'A run is active', schema: errorSchema },
    },
    handler: async ({ params }) => {
      await loadIntegration(ctx, params.id);
      await refuseWhileRunning(ctx, params.id, params.entity);
      if (!(await ctx.store.mappings.delete(params.id, params.entity)))
        throw notFound(`Mapping of ${params.entity}`);
      // A schedule without a mapping could only start runs that fail.
      await deleteSchedule(ctx.temporal.client, params.id, params.entity);
      await ctx.store.schedules.delete(params.id, params.entity);
      return { status: 204 };
    },
  });

  endpoints.add({
    method: 'post',
    path: '/api/integrations/:id/mappings/:entity/preview',
    tag,
    summary: 'Preview the first records as the mapping would write them',
    params: entityParams,
    body: previewBodySchema,
    responses: {
      200: { description: 'Mapped records (or why each cannot be mapped)', schema: previewSchema },
      404: { description: 'No such mapping', schema: errorSchema },
    },
    handler: async ({ params, body }) => {
      await loadIntegration(ctx, params.id);
      const mapping = await ctx.store.mappings.get(params.id, params.entity);
      if (!mapping) throw notFound(`Mapping of ${params.entity}`);
      const entity: CwEntityName = params.entity;
      const spec = mapping.spec;
      const plan = planFilters(spec.filters, arrayFieldTest(entity));
      const datetimes = new Set(
        sourceFields(entity)
          .filter((f) => f.type === 'datetime')
          .map((f) => f.path),
      );
      const conditions = conditionFilter(plan.conditions, datetimes);
      const childConditions = conditionFilter(plan.childConditions, datetimes);
      const cw = await ctx.connections.connectwise(params.id);
      const ap = await ctx.connections.assetpanda(params.id);
      const page = await cw.readKeysetPage(entity, {
        cursor: null,
        pageSize: body.limit,
        fields: neededFields(spec),
        ...(conditions ? { conditions } : {}),
        ...(childConditions ? { childConditions } : {}),
      });
      const names = new Map((await ap.listFields(spec.groupId)).map((f) => [f.key, f.name]));
      const dateFormat = await ap.dateFormat();
      const kept = page.records.filter((r) => matchesFilters(r, plan.postFetch));
      const records = kept.map((record) => {
        const result = mapRecord(spec, record, { dateFormat });
        if (!result.ok) return { cwId: result.failure.cwId, ok: false, reason: result.failure.reason };
        const values = Object.fromEntries(
          Object.entries(result.record.values).map(([key, value]) => [
            key,
            { field: names.get(key) ?? key, value },
          ]),
        );
        return { cwId: result.record.cwId, ok: true, uniqueValue: result.record.uniqueValue, values };
      });
      return {
        status: 200,
        body: { records, fetched: page.records.length, filteredOut: page.records.length - kept.length },
      };
    },
  });
}
