/**
 * Schedules on Temporal Schedules: one per integration and entity, every N minutes or on a cron line,
 * overlapping runs skipped, missed runs caught up within a window; pause, unpause, trigger now.
 */
import type { ScheduleDescription } from '@temporalio/client';
import { z } from 'zod';
import {
  deleteSchedule,
  describeSchedule,
  pauseSchedule,
  scheduleIdFor,
  triggerSchedule,
  unpauseSchedule,
  upsertSchedule,
} from '../../client/schedules.js';
import type { StoredScheduleSettings } from '../../store/schedules.js';
import type { ApiContext } from '../context.js';
import type { Endpoints } from '../endpoint.js';
import { ApiError, notFound } from '../errors.js';
import {
  entityParams,
  errorSchema,
  scheduleBodySchema,
  scheduleListQuerySchema,
  scheduleViewSchema,
} from '../schemas.js';
import { loadIntegration } from './integrations.js';

async function scheduleView(
  ctx: ApiContext,
  integrationId: string,
  entity: string,
  settings: StoredScheduleSettings,
  description: ScheduleDescription,
) {
  const last = await ctx.store.runs.lastFinished(integrationId, entity);
  return {
    scheduleId: scheduleIdFor(integrationId, entity),
    integrationId,
    entity,
    ...(settings.every ? { every: settings.every } : {}),
    ...(settings.cron ? { cron: settings.cron } : {}),
    ...(settings.timezone ? { timezone: settings.timezone } : {}),
    mode: settings.mode,
    paused: description.state.paused,
    ...(description.state.note ? { note: description.state.note } : {}),
    nextRunTimes: description.info.nextActionTimes.slice(0, 5).map((d) => d.toISOString()),
    recentRuns: description.info.recentActions.slice(-5).map((a) => ({
      scheduledAt: a.scheduledAt.toISOString(),
      startedAt: a.takenAt.toISOString(),
      runId: a.action.type === 'startWorkflow' ? a.action.workflow.workflowId : '',
    })),
    lastRun: last
      ? { runId: last.runId, status: last.status, finishedAt: last.finishedAt, stats: last.stats }
      : null,
  };
}

export function scheduleRoutes(ctx: ApiContext, endpoints: Endpoints): void {
  const tag = 'Schedules';
  const client = ctx.temporal.client;

  const load = async (integrationId: string, entity: string) => {
    await loadIntegration(ctx, integrationId);
    const settings = await ctx.store.schedules.get(integrationId, entity);
    const description = await describeSchedule(client, integrationId, entity);
    if (!settings || !description) throw notFound(`Schedule of ${entity}`);
    return { settings, description };
  };

  endpoints.add({
    method: 'put',
    path: '/api/integrations/:id/schedules/:entity',
    tag,
    summary: 'Create or change the schedule of an entity',
    description:
      'Give `every` (15m, 1h, 1d) or `cron` (five fields, e.g. "0 * * * *"). Overlapping runs are skipped; runs missed while the service was down are caught up within 10 minutes.',
    params: entityParams,
    body: scheduleBodySchema,
    responses: {
      200: { description: 'The schedule', schema: scheduleViewSchema },
      404: { description: 'Unknown integration', schema: errorSchema },
      422: { description: 'The entity has no mapping yet', schema: errorSchema },
    },
    handler: async ({ params, body }) => {
      await loadIntegration(ctx, params.id);
      if (!(await ctx.store.mappings.get(params.id, params.entity)))
        throw new ApiError(
          422,
          'mapping_missing',
          `Map ${params.entity} first: PUT /api/integrations/${params.id}/mappings/${params.entity}`,
        );
      const settings: StoredScheduleSettings = {
        mode: body.mode,
        ...(body.every ? { every: body.every } : {}),
        ...(body.cron ? { cron: body.cron } : {}),
        ...(body.timezone ? { timezone: body.timezone } : {}),
      };
      const existed = (await describeSchedule(client, params.id, params.entity)) !== undefined;
      let description: ScheduleDescription;
      try {
        description = await upsertSchedule(
          client,
          params.id,
          params.entity,
          { ...settings, ...(body.paused !== undefined ? { paused: body.paused } : {}) },
          ctx.settings.env.TEMPORAL_TASK_QUEUE,
        );
      } catch (err) {
        // The Temporal client parses cron lines itself (TypeError) and the server judges the rest
        // (INVALID_ARGUMENT): either way it is the caller's input that is wrong.
        const grpcCode = (err as { code?: number }).code;
        if (body.cron && (err instanceof TypeError || grpcCode === 3))
          throw new ApiError(400, 'invalid_request', 'Invalid request body', [
            { path: 'cron', message: err instanceof Error ? err.message : String(err) },
          ]);
        throw err;
      }
      if (body.cron && !description.state.paused && description.info.nextActionTimes.length === 0) {
        if (!existed) await deleteSchedule(client, params.id, params.entity);
        throw new ApiError(400, 'invalid_request', 'Invalid request body', [
          { path: 'cron', message: `${body.cron} never fires` },
        ]);
      }
      await ctx.store.schedules.put(params.id, params.entity, settings);
      return { status: 200, body: await scheduleView(ctx, params.id, params.entity, settings, description) };
    },
  });

  endpoints.add({
    method: 'get',
    path: '/api/integrations/:id/schedules/:entity',
    tag,
    summary: 'Read the schedule of an entity',
    params: entityParams,
    responses: {
      200: { description: 'The schedule', schema: scheduleViewSchema },
      404: { description: 'No schedule', schema: errorSchema },
    },
    handler: async ({ params }) => {
      const { settings, description } = await load(params.id, params.entity);
      return { status: 200, body: await scheduleView(ctx, params.id, params.entity, settings, description) };
    },
  });

  endpoints.add({
    method: 'delete',
    path: '/api/integrations/:id/schedules/:entity',
    tag,
    summary: 'Delete the schedule of an entity (runs in progress go on)',
    params: entityParams,
    responses: { 204: { description: 'Deleted' }, 404: { description: 'No schedule', schema: errorSchema } },
    handler: async ({ params }) => {
      await loadIntegration(ctx, params.id);
      const existed = await deleteSchedule(client, params.id, params.entity);
      const stored = await ctx.store.schedules.delete(params.id, params.entity);
      if (!existed && !stored) throw notFound(`Schedule of ${params.entity}`);
      return { status: 204 };
    },
  });

  const action = (
    name: 'pause' | 'unpause' | 'trigger',
    summary: string,
    run: (id: string, entity: string) => Promise<void>,
  ) =>
    endpoints.add({
      method: 'post',
      path: `/api/integrations/:id/schedules/:entity/${name}`,
      tag,
      summary,
      params: entityParams,
      responses: {
        200: { description: 'The schedule afterwards', schema: scheduleViewSchema },
        404: { description: 'No schedule', schema: errorSchema },
      },
      handler: async ({ params }) => {
        await load(params.id, params.entity);
        await run(params.id, params.entity);
        const { settings, description } = await load(params.id, params.entity);
        return {
          status: 200,
          body: await scheduleView(ctx, params.id, params.entity, settings, description),
        };
      },
    });
  action('pause', 'Pause a schedule', (id, entity) => pauseSchedule(client, id, entity));
  action('unpause', 'Unpause a schedule', (id, entity) => unpauseSchedule(client, id, entity));
  action('trigger', 'Start a scheduled run now (skipped if one is running)', (id, entity) =>
    triggerSchedule(client, id, entity),
  );

  endpoints.add({
    method: 'get',
    path: '/api/schedules',
    tag,
    summary: 'List schedules with their next run times and last result',
    query: scheduleListQuerySchema,
    responses: {
      200: { description: 'Schedules', schema: z.object({ schedules: z.array(scheduleViewSchema) }) },
    },
    handler: async ({ query }) => {
      const schedules = [];
      for (const s of await ctx.store.schedules.list(query.integrationId)) {
        const description = await describeSchedule(client, s.integrationId, s.entity);
        if (description)
          schedules.push(await scheduleView(ctx, s.integrationId, s.entity, s.settings, description));
      }
      return { status: 200, body: { schedules } };
    },
  });
}
