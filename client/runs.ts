/**
 * Starting and steering sync runs through Temporal. The run id is the workflow id: stable across
 * continue-as-new, visible in the Web UI, and what the API hands out.
 */
import { randomUUID } from 'node:crypto';
import { WorkflowNotFoundError, type Client, type WorkflowExecutionDescription } from '@temporalio/client';
import { entityKey, integrationIdKey, syncModeKey, syncStatusKey } from '../workflows/search-attributes.js';
import {
  cancelSignal,
  pauseSignal,
  progressQuery,
  resumeSignal,
  syncWorkflow,
  type SyncTuning,
} from '../workflows/sync.js';
import type { Progress, RunTrigger, SyncMode } from '../workflows/sync-types.js';

export interface StartRunOptions {
  integrationId: string;
  entity: string;
  mode: SyncMode;
  trigger?: RunTrigger;
  taskQueue: string;
  tuning?: SyncTuning;
  /** A run id chosen by the caller (the API writes the run's row before starting it). */
  runId?: string;
}

export const newRunId = (integrationId: string, entity: string) =>
  `sync-${integrationId}-${entity}-${Date.now().toString(36)}-${randomUUID().slice(0, 6)}`;

export function runSearchAttributes(integrationId: string, entity: string, mode: SyncMode) {
  return [
    { key: integrationIdKey, value: integrationId },
    { key: entityKey, value: entity },
    { key: syncModeKey, value: mode },
    { key: syncStatusKey, value: 'running' },
  ];
}

export async function startRun(client: Client, options: StartRunOptions): Promise<string> {
  const runId = options.runId ?? newRunId(options.integrationId, options.entity);
  await client.workflow.start(syncWorkflow, {
    taskQueue: options.taskQueue,
    workflowId: runId,
    args: [
      {
        integrationId: options.integrationId,
        entity: options.entity,
        mode: options.mode,
        trigger: options.trigger ?? 'api',
        ...(options.tuning ? { tuning: options.tuning } : {}),
      },
    ],
    typedSearchAttributes: runSearchAttributes(options.integrationId, options.entity, options.mode),
    staticSummary: `${options.mode} sync of ${options.entity}`,
  });
  return runId;
}

/** Runs of a mapping that Temporal still shows as running (catches starts the store has not seen yet). */
export async function runningRunIds(
  client: Client,
  integrationId: string,
  entity: string,
): Promise<string[]> {
  const ids: string[] = [];
  const query = `WorkflowType = 'syncWorkflow' AND ExecutionStatus = 'Running' AND IntegrationId = '${integrationId.replace(/'/g, '')}' AND Entity = '${entity.replace(/'/g, '')}'`;
  for await (const execution of client.workflow.list({ query })) ids.push(execution.workflowId);
  return ids;
}

export async function describeRun(
  client: Client,
  runId: string,
): Promise<WorkflowExecutionDescription | undefined> {
  try {
    return await client.workflow.getHandle(runId).describe();
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) return undefined;
    throw err;
  }
}

export async function isRunActive(client: Client, runId: string): Promise<boolean> {
  const description = await describeRun(client, runId);
  return description?.status.name === 'RUNNING';
}

/** Asks a live run for its progress; gives up quickly when no worker is there to answer. */
export async function queryProgress(
  client: Client,
  runId: string,
  timeoutMs = 2000,
): Promise<Progress | undefined> {
  try {
    return await client.connection.withDeadline(Date.now() + timeoutMs, () =>
      client.workflow.getHandle(runId).query(progressQuery),
    );
  } catch {
    // Not running, or no worker to answer right now: the store's summary is what callers fall back to.
    return undefined;
  }
}

export const pauseRun = (client: Client, runId: string) =>
  client.workflow.getHandle(runId).signal(pauseSignal);
export const resumeRun = (client: Client, runId: string) =>
  client.workflow.getHandle(runId).signal(resumeSignal);
export const cancelRun = (client: Client, runId: string) =>
  client.workflow.getHandle(runId).signal(cancelSignal);
