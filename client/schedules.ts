/**
 * Schedules (Temporal Schedules replace cron): one per (integration, entity). Overlapping runs are
 * skipped, missed runs are caught up within a window, and every scheduled run is an ordinary sync run.
 */
import {
  ScheduleNotFoundError,
  ScheduleOverlapPolicy,
  type Client,
  type ScheduleDescription,
  type ScheduleSpec,
} from '@temporalio/client';
import { syncWorkflow } from '../workflows/sync.js';
import type { SyncInput, SyncMode } from '../workflows/sync-types.js';
import { runSearchAttributes } from './runs.js';

export interface ScheduleSettings {
  every?: string;
  cron?: string;
  mode: SyncMode;
  timezone?: string;
  paused?: boolean;
}

export const scheduleIdFor = (integrationId: string, entity: string) => `sync-${integrationId}-${entity}`;

function specOf(settings: ScheduleSettings): ScheduleSpec {
  return {
    ...(settings.every ? { intervals: [{ every: settings.every as `${number}m` }] } : {}),
    ...(settings.cron ? { cronExpressions: [settings.cron] } : {}),
    ...(settings.timezone ? { timezone: settings.timezone } : {}),
  };
}

function actionOf(integrationId: string, entity: string, mode: SyncMode, taskQueue: string) {
  return {
    type: 'startWorkflow' as const,
    workflowType: syncWorkflow,
    taskQueue,
    // The server appends the scheduled time, so each scheduled run has its own id.
    workflowId: `sync-${integrationId}-${entity}-scheduled`,
    args: [{ integrationId, entity, mode, trigger: 'schedule' as const }] as [SyncInput],
    typedSearchAttributes: runSearchAttributes(integrationId, entity, mode),
  };
}

/** Creates the schedule or replaces its spec, action and paused state. */
export async function upsertSchedule(
  client: Client,
  integrationId: string,
  entity: string,
  settings: ScheduleSettings,
  taskQueue: string,
): Promise<ScheduleDescription> {
  const scheduleId = scheduleIdFor(integrationId, entity);
  const handle = client.schedule.getHandle(scheduleId);
  const existing = await describeSchedule(client, integrationId, entity);
  if (!existing) {
    await client.schedule.create({
      scheduleId,
      spec: specOf(settings),
      action: actionOf(integrationId, entity, settings.mode, taskQueue),
      policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '10 minutes', pauseOnFailure: false },
      state: { paused: settings.paused ?? false, note: settings.paused ? 'created paused' : 'created' },
      memo: { integrationId, entity, mode: settings.mode },
    });
  } else {
    await handle.update((previous) => ({
      ...previous,
      spec: specOf(settings),
      action: actionOf(integrationId, entity, settings.mode, taskQueue),
      policies: { ...previous.policies, overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '10 minutes' },
    }));
    if (settings.paused !== undefined && settings.paused !== existing.state.paused) {
      if (settings.paused) await handle.pause('paused through the API');
      else await handle.unpause('unpaused through the API');
    }
  }
  return handle.describe();
}

export async function describeSchedule(
  client: Client,
  integrationId: string,
  entity: string,
): Promise<ScheduleDescription | undefined> {
  try {
    return await client.schedule.getHandle(scheduleIdFor(integrationId, entity)).describe();
  } catch (err) {
    if (err instanceof ScheduleNotFoundError) return undefined;
    throw err;
  }
}

export async function deleteSchedule(
  client: Client,
  integrationId: string,
  entity: string,
): Promise<boolean> {
  try {
    await client.schedule.getHandle(scheduleIdFor(integrationId, entity)).delete();
    return true;
  } catch (err) {
    if (err instanceof ScheduleNotFoundError) return false;
    throw err;
  }
}

export const pauseSchedule = (client: Client, integrationId: string, entity: string, note?: string) =>
  client.schedule.getHandle(scheduleIdFor(integrationId, entity)).pause(note ?? 'paused through the API');
export const unpauseSchedule = (client: Client, integrationId: string, entity: string, note?: string) =>
  client.schedule.getHandle(scheduleIdFor(integrationId, entity)).unpause(note ?? 'unpaused through the API');
/** Starts a run now; the schedule's overlap policy (skip) applies to it as well. */
export const triggerSchedule = (client: Client, integrationId: string, entity: string) =>
  client.schedule.getHandle(scheduleIdFor(integrationId, entity)).trigger(ScheduleOverlapPolicy.SKIP);

/** Every schedule of this service, optionally of one integration. */
export async function listScheduleIds(client: Client, integrationId?: string): Promise<string[]> {
  const prefix = integrationId ? `sync-${integrationId}-` : 'sync-';
  const ids: string[] = [];
  for await (const summary of client.schedule.list())
    if (summary.scheduleId.startsWith(prefix)) ids.push(summary.scheduleId);
  return ids;
}
