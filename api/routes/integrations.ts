/**
 * /api/integrations: create (tested before saving), list, read, change, delete, and test again.
 */
import { z } from 'zod';
import { deleteSchedule } from '../../client/schedules.js';
import { CW_ENTITY_NAMES } from '../../mapping/entity-names.js';
import type {
  AssetPandaPublic,
  ConnectWisePublic,
  Integration,
  IntegrationSecrets,
} from '../../store/integrations.js';
import { testConnections, type ConnectionTest } from '../connection-test.js';
import type { ApiContext } from '../context.js';
import type { Endpoints } from '../endpoint.js';
import { ApiError, notFound, zodProblems } from '../errors.js';
import {
  assetPandaInputSchema,
  connectWiseInputSchema,
  connectionTestSchema,
  createIntegrationSchema,
  errorSchema,
  idParams,
  integrationViewSchema,
  patchIntegrationSchema,
  testQuerySchema,
} from '../schemas.js';
import { integrationView } from '../views.js';

type ConnectWiseInput = z.output<typeof connectWiseInputSchema>;
type AssetPandaInput = z.output<typeof assetPandaInputSchema>;

function split(cw: ConnectWiseInput, ap: AssetPandaInput, dateFormat?: string) {
  const connectwise: ConnectWisePublic = {
    url: cw.url,
    companyId: cw.companyId,
    clientId: cw.clientId,
    selfHosted: cw.selfHosted,
    ...(cw.codebase ? { codebase: cw.codebase } : {}),
    ...(cw.apiVersion ? { apiVersion: cw.apiVersion } : {}),
  };
  const assetPanda: AssetPandaPublic = {
    url: ap.url,
    authMode: ap.token ? 'token' : 'password',
    ...(ap.email && !ap.token ? { email: ap.email } : {}),
    ...((ap.dateFormat ?? dateFormat) ? { dateFormat: ap.dateFormat ?? dateFormat } : {}),
  };
  const secrets: IntegrationSecrets = {
    connectwise: { publicKey: cw.publicKey, privateKey: cw.privateKey },
    assetPanda: ap.token ? { token: ap.token } : { ...(ap.password ? { password: ap.password } : {}) },
  };
  return { connectwise, assetPanda, secrets };
}

/** The full settings of a stored integration, as the create route takes them (for tests and patches). */
function currentInputs(integration: Integration, secrets: IntegrationSecrets) {
  return {
    connectwise: { ...integration.connectwise, ...secrets.connectwise },
    assetPanda: {
      url: integration.assetPanda.url,
      ...(integration.assetPanda.dateFormat ? { dateFormat: integration.assetPanda.dateFormat } : {}),
      ...(integration.assetPanda.authMode === 'token'
        ? { token: secrets.assetPanda.token }
        : { email: integration.assetPanda.email, password: secrets.assetPanda.password }),
    },
  };
}

function refuseFailedTest(test: ConnectionTest): void {
  if (test.ok) return;
  const which = [!test.connectwise.ok && 'ConnectWise', !test.assetPanda.ok && 'Asset Panda']
    .filter(Boolean)
    .join(' and ');
  throw new ApiError(422, 'connection_failed', `The ${which} connection failed; nothing was saved`, {
    connectwise: test.connectwise,
    assetPanda: test.assetPanda,
  });
}

export async function loadIntegration(ctx: ApiContext, id: string): Promise<Integration> {
  const integration = await ctx.store.integrations.get(id);
  if (!integration) throw notFound(`Integration ${id}`);
  return integration;
}

const mappedEntities = async (ctx: ApiContext, id: string) =>
  (await ctx.store.mappings.list(id)).map((m) => m.entity);

export function integrationRoutes(ctx: ApiContext, endpoints: Endpoints): void {
  const tag = 'Integrations';
  const test = (inputs: { connectwise: Record<string, unknown>; assetPanda: Record<string, unknown> }) =>
    testConnections(inputs, { budgets: ctx.budgets });

  endpoints.add({
    method: 'post',
    path: '/api/integrations',
    tag,
    summary: 'Create an integration (tests both connections first)',
    description:
      'Tests the ConnectWise and Asset Panda connections with the given settings and saves the integration only if both work (`?test=false` skips the test). Secrets are encrypted at rest and never returned.',
    query: testQuerySchema,
    body: createIntegrationSchema,
    responses: {
      201: { description: 'Created; secrets masked', schema: integrationViewSchema },
      422: { description: 'A connection test failed; details per end', schema: errorSchema },
    },
    handler: async ({ query, body }) => {
      let result: ConnectionTest | undefined;
      if (query.test) {
        result = await test({ connectwise: body.connectwise, assetPanda: body.assetPanda });
        refuseFailedTest(result);
      }
      const parts = split(body.connectwise, body.assetPanda, result?.dateFormat);
      const integration = await ctx.store.integrations.create({ name: body.name, ...parts });
      ctx.log.info({ integrationId: integration.id }, 'integration created');
      return { status: 201, body: integrationView(integration, [], result) };
    },
  });

  endpoints.add({
    method: 'get',
    path: '/api/integrations',
    tag,
    summary: 'List integrations',
    responses: {
      200: {
        description: 'All integrations, secrets masked',
        schema: z.object({ integrations: z.array(integrationViewSchema) }),
      },
    },
    handler: async () => {
      const all = await ctx.store.integrations.list();
      const integrations = await Promise.all(
        all.map(async (i) => integrationView(i, await mappedEntities(ctx, i.id))),
      );
      return { status: 200, body: { integrations } };
    },
  });

  endpoints.add({
    method: 'get',
    path: '/api/integrations/:id',
    tag,
    summary: 'Read an integration',
    params: idParams,
    responses: {
      200: { description: 'The integration, secrets masked', schema: integrationViewSchema },
      404: { description: 'Unknown id', schema: errorSchema },
    },
    handler: async ({ params }) => {
      const integration = await loadIntegration(ctx, params.id);
      return { status: 200, body: integrationView(integration, await mappedEntities(ctx, params.id)) };
    },
  });

  endpoints.add({
    method: 'patch',
    path: '/api/integrations/:id',
    tag,
    summary: 'Change an integration (re-tests changed connections)',
    description:
      'Keys left out keep their value. Changed connection settings are tested before they are saved, unless `?test=false`.',
    params: idParams,
    query: testQuerySchema,
    body: patchIntegrationSchema,
    responses: {
      200: { description: 'The changed integration', schema: integrationViewSchema },
      404: { description: 'Unknown id', schema: errorSchema },
      422: { description: 'A connection test failed', schema: errorSchema },
    },
    handler: async ({ params, query, body }) => {
      const integration = await loadIntegration(ctx, params.id);
      const secrets = await ctx.store.integrations.loadSecrets(params.id);
      if (!secrets) throw notFound(`Integration ${params.id}`);
      const current = currentInputs(integration, secrets);
      // Switching Asset Panda between password and token replaces the old credentials.
      const apPatch = body.assetPanda ?? {};
      const apBase: Record<string, unknown> = { ...current.assetPanda };
      if ('token' in apPatch) {
        delete apBase.email;
        delete apBase.password;
      }
      if ('email' in apPatch || 'password' in apPatch) delete apBase.token;
      const cw = connectWiseInputSchema.safeParse({ ...current.connectwise, ...(body.connectwise ?? {}) });
      const ap = assetPandaInputSchema.safeParse({ ...apBase, ...apPatch });
      const problems = [
        ...(cw.success ? [] : zodProblems(cw.error, 'connectwise')),
        ...(ap.success ? [] : zodProblems(ap.error, 'assetPanda')),
      ];
      if (!cw.success || !ap.success)
        throw new ApiError(400, 'invalid_request', 'Invalid request body', problems);
      let result: ConnectionTest | undefined;
      if (query.test && (body.connectwise || body.assetPanda)) {
        result = await test({ connectwise: cw.data, assetPanda: ap.data });
        refuseFailedTest(result);
      }
      const parts = split(cw.data, ap.data, result?.dateFormat ?? integration.assetPanda.dateFormat);
      const updated = await ctx.store.integrations.update(params.id, {
        ...(body.name ? { name: body.name } : {}),
        ...parts,
      });
      if (!updated) throw notFound(`Integration ${params.id}`);
      return { status: 200, body: integrationView(updated, await mappedEntities(ctx, params.id), result) };
    },
  });

  endpoints.add({
    method: 'delete',
    path: '/api/integrations/:id',
    tag,
    summary: 'Delete an integration, its mappings and schedules',
    params: idParams,
    responses: {
      204: { description: 'Deleted' },
      404: { description: 'Unknown id', schema: errorSchema },
      409: { description: 'A run of this integration is active', schema: errorSchema },
    },
    handler: async ({ params }) => {
      await loadIntegration(ctx, params.id);
      for (const entity of CW_ENTITY_NAMES) {
        const active = await ctx.store.runs.active(params.id, entity);
        if (active)
          throw new ApiError(
            409,
            'run_active',
            `Run ${active.runId} of this integration is active; cancel it first`,
            { runId: active.runId },
          );
      }
      for (const entity of CW_ENTITY_NAMES) await deleteSchedule(ctx.temporal.client, params.id, entity);
      await ctx.store.integrations.delete(params.id);
      ctx.log.info({ integrationId: params.id }, 'integration deleted');
      return { status: 204 };
    },
  });

  endpoints.add({
    method: 'post',
    path: '/api/integrations/:id/test',
    tag,
    summary: 'Test the saved connections',
    params: idParams,
    responses: {
      200: { description: 'The outcome per end (ok or what is wrong)', schema: connectionTestSchema },
      404: { description: 'Unknown id', schema: errorSchema },
    },
    handler: async ({ params }) => {
      const integration = await loadIntegration(ctx, params.id);
      const secrets = await ctx.store.integrations.loadSecrets(params.id);
      if (!secrets) throw notFound(`Integration ${params.id}`);
      const result = await test(currentInputs(integration, secrets));
      return {
        status: 200,
        body: { ok: result.ok, connectwise: result.connectwise, assetPanda: result.assetPanda },
      };
    },
  });
}
