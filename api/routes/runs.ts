/**
 * Runs: start one (one at a time per integration and entity), list and inspect them, and steer a live
 * one (pause after the page in flight, resume, cancel cleanly after a checkpoint).
 */
import { z } from 'zod';
import {
  cancelRun,
  describeRun,
  newRunId,
  pauseRun,
  resumeRun,
  runningRunIds,
  startRun,
} from '../../client/runs.js';
import type { ApiContext } from '../context.js';
import { webUiUrl } from '../context.js';
import type { Endpoints } from '../endpoint.js';
import { ApiError, notFound } from '../errors.js';
import { liveRun, runView } from '../run-view.js';
import {
  errorSchema,
  idParams,
  runListQuerySchema,
  runListSchema,
  runParams,
  runStartedSchema,
  runViewSchema,
  startRunSchema,
} from '../schemas.js';
import { loadIntegration } from './integrations.js';

/** The run of this mapping that is live right now, if any (store first, then Temporal's own view). */
export async function activeRunId(
  ctx: ApiContext,
  integrationId: string,
  entity: string,
): Promise<string | undefined> {
  const stored = await ctx.store.runs.active(integrationId, entity);
  if (stored) {
    const { run } = await liveRun(ctx, stored);
    if (run.finishedAt === null) return run.runId;
  }
  const running = await runningRunIds(ctx.temporal.client, integrationId, entity).catch(() => []);
  return running[0];
}

export function runRoutes(ctx: ApiContext, endpoints: Endpoints): void {
  const tag = 'Runs';
  const taskQueue = ctx.settings.env.TEMPORAL_TASK_QUEUE;

  endpoints.add({
    method: 'post',
    path: '/api/integrations/:id/runs',
    tag,
    summary: 'Start a sync run of one entity',
    description:
      'incremental reads what changed since the last checkpoint; full reads everything and archives what vanished.',
    params: idParams,
    body: startRunSchema,
    responses: {
      202: { description: 'Started', schema: runStartedSchema },
      404: { description: 'Unknown integration', schema: errorSchema },
      409: {
        description: 'A run of this entity is already active (error.details.runId)',
        schema: errorSchema,
      },
      422: { description: 'The entity has no mapping yet', schema: errorSchema },
    },
    handler: async ({ params, body }) => {
      await loadIntegration(ctx, params.id);
      if (!(await ctx.store.mappings.get(params.id, body.entity)))
        throw new ApiError(
          422,
          'mapping_missing',
          `Map ${body.entity} first: PUT /api/integrations/${params.id}/mappings/${body.entity}`,
        );
      const active = await activeRunId(ctx, params.id, body.entity);
      if (active)
        throw new ApiError(409, 'run_active', `Run ${active} is already syncing ${body.entity}`, {
          runId: active,
        });
      // The run exists from the moment it is accepted: readable, and blocking a second start, before a
      // worker picks it up.
      const runId = newRunId(params.id, body.entity);
      await ctx.store.runs.start({
        runId,
        integrationId: params.id,
        entity: body.entity,
        mode: body.mode,
        trigger: 'api',
        cursorFrom: null,
      });
      try {
        await startRun(ctx.temporal.client, {
          integrationId: params.id,
          entity: body.entity,
          mode: body.mode,
          taskQueue,
          runId,
        });
      } catch (err) {
        const reason = err instanceof Error ? err.message : String(err);
        await ctx.store.runs.finish(runId, 'failed', `Temporal refused to start the run: ${reason}`);
        throw err;
      }
      ctx.log.info({ runId, integrationId: params.id, entity: body.entity, mode: body.mode }, 'run started');
      return { status: 202, body: { runId, workflowId: runId, webUiUrl: webUiUrl(ctx, runId) } };
    },
  });

  endpoints.add({
    method: 'get',
    path: '/api/runs',
    tag,
    summary: 'List runs, newest first',
    query: runListQuerySchema,
    responses: { 200: { description: 'A page of runs', schema: runListSchema } },
    handler: async ({ query }) => {
      const { runs, total } = await ctx.store.runs.list(query);
      const views = await Promise.all(
        runs.map((r) => runView(ctx, r, { live: r.finishedAt === null, errors: 5 })),
      );
      return { status: 200, body: { runs: views, total, limit: query.limit, offset: query.offset } };
    },
  });

  endpoints.add({
    method: 'get',
    path: '/api/runs/:runId',
    tag,
    summary: 'Inspect a run: status, progress, counts, quarantined records',
    params: runParams,
    responses: {
      200: { description: 'The run', schema: runViewSchema },
      404: { description: 'Unknown run', schema: errorSchema },
    },
    handler: async ({ params }) => {
      const run = await ctx.store.runs.get(params.runId);
      if (!run) throw notFound(`Run ${params.runId}`);
      return { status: 200, body: await runView(ctx, run) };
    },
  });

  const steer = (
    action: 'pause' | 'resume' | 'cancel',
    summary: string,
    send: (runId: string) => Promise<void>,
  ) =>
    endpoints.add({
      method: 'post',
      path: `/api/runs/:runId/${action}`,
      tag,
      summary,
      params: runParams,
      responses: {
        202: {
          description: 'Requested; the run acts on it at its next checkpoint',
          schema: z.object({ runId: z.string(), requested: z.string() }),
        },
        404: { description: 'Unknown run', schema: errorSchema },
        409: { description: 'The run has finished', schema: errorSchema },
      },
      handler: async ({ params }) => {
        // Only runs of this service: a workflow id that is not a run in the store is not ours to signal.
        const stored = await ctx.store.runs.get(params.runId);
        if (!stored) throw notFound(`Run ${params.runId}`);
        const { run } = await liveRun(ctx, stored);
        const description = await describeRun(ctx.temporal.client, params.runId);
        if (
          run.finishedAt !== null ||
          description?.status.name !== 'RUNNING' ||
          description.type !== 'syncWorkflow'
        )
          throw new ApiError(
            409,
            'run_finished',
            `Run ${params.runId} is not running; there is nothing to ${action}`,
          );
        await send(params.runId);
        ctx.log.info({ runId: params.runId, action }, 'run steered');
        return { status: 202, body: { runId: params.runId, requested: action } };
      },
    });

  steer('pause', 'Pause a run after the page in flight is written and checkpointed', (id) =>
    pauseRun(ctx.temporal.client, id),
  );
  steer('resume', 'Resume a paused run', (id) => resumeRun(ctx.temporal.client, id));
  steer('cancel', 'Cancel a run cleanly after its next checkpoint', (id) =>
    cancelRun(ctx.temporal.client, id),
  );
}
