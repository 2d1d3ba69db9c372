/**
 * The demo that `npm start` runs on the embedded default when no real integration exists: both
 * simulators with demo data, a demo integration created through the API (so the demo exercises the real
 * path: connection test, mapping validation, schedules, runs), a first full sync of companies and
 * configurations with progress bars, and what to try next.
 *
 * The demo starts fresh each time: the Asset Panda simulator keeps its objects in memory, so a previous
 * demo integration (and any run of it still open in Temporal) is removed first.
 */
import { createServer } from 'node:net';
import type { Client } from '@temporalio/client';
import type { Logger } from '../observability/logger.js';
import { startAssetPandaSimulator, type AssetPandaSimulator } from '../simulators/assetpanda/index.js';
import { startConnectWiseSimulator, type ConnectWiseSimulator } from '../simulators/connectwise/index.js';
import { matchesFilters } from '../mapping/filters.js';
import { mappingSpecSchema } from '../mapping/spec.js';
import type { Store } from '../store/index.js';
import { progressLine } from './progress.js';

export const DEMO_NAME = 'Demo (simulators)';
const DEMO_ENTITIES = [
  { entity: 'companies', groupName: 'Companies' },
  { entity: 'configurations', groupName: 'Devices' },
] as const;

export interface DemoDeps {
  apiUrl: string;
  apiToken: string;
  store: Store;
  temporal: Client;
  log: Logger;
  print: (line: string) => void;
}

export interface RunningDemo {
  stop(): Promise<void>;
}

/** Runs when nothing but (an earlier) demo is configured, unless DEMO says otherwise. */
export async function demoWanted(store: Store, demo: boolean | undefined): Promise<boolean> {
  if (demo !== undefined) return demo;
  const integrations = await store.integrations.list();
  return integrations.every((i) => i.name === DEMO_NAME);
}

async function portOr(preferred: number): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(0));
    server.listen(preferred, '127.0.0.1', () => server.close(() => resolve(preferred)));
  });
}

async function api<T = Record<string, unknown>>(
  deps: DemoDeps,
  method: string,
  path: string,
  body?: unknown,
): Promise<T> {
  const response = await fetch(`${deps.apiUrl}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${deps.apiToken}`,
      ...(body ? { 'content-type': 'application/json' } : {}),
    },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  const text = await response.text();
  const parsed = (text ? JSON.parse(text) : {}) as T & { error?: { message: string; details?: unknown } };
  if (!response.ok)
    throw new Error(
      `${method} ${path} → ${response.status}: ${parsed.error?.message ?? text} ${JSON.stringify(parsed.error?.details ?? '')}`,
    );
  return parsed;
}

async function removePreviousDemo(deps: DemoDeps): Promise<void> {
  for (const integration of await deps.store.integrations.list()) {
    if (integration.name !== DEMO_NAME) continue;
    const query = `WorkflowType = 'syncWorkflow' AND ExecutionStatus = 'Running' AND IntegrationId = '${integration.id}'`;
    for await (const execution of deps.temporal.workflow.list({ query }))
      await deps.temporal.workflow
        .getHandle(execution.workflowId)
        .terminate('the demo restarted')
        .catch(() => undefined);
    for (const run of (await deps.store.runs.list({ integrationId: integration.id, status: 'running' })).runs)
      await deps.store.runs.finish(run.runId, 'cancelled', 'the demo restarted');
    for (const run of (await deps.store.runs.list({ integrationId: integration.id, status: 'paused' })).runs)
      await deps.store.runs.finish(run.runId, 'cancelled', 'the demo restarted');
    await api(deps, 'DELETE', `/api/integrations/${integration.id}`);
  }
}

export async function runDemo(deps: DemoDeps): Promise<RunningDemo> {
  await removePreviousDemo(deps);
  const cw: ConnectWiseSimulator = await startConnectWiseSimulator({
    port: await portOr(4010),
    seed: 42,
    counts: { companies: 250, configurations: 10_000, catalog: 300, tickets: 500, agreements: 100 },
    latencyMs: 40,
  });
  const ap: AssetPandaSimulator = await startAssetPandaSimulator({
    port: await portOr(4020),
    seed: 42,
    latencyMs: 60,
  });
  const stop = async () => {
    await Promise.allSettled([cw.close(), ap.close()]);
  };
  try {
    deps.print(`Demo: ConnectWise simulator at ${cw.url}, Asset Panda simulator at ${ap.url}`);
    const integration = await api<{ id: string }>(deps, 'POST', '/api/integrations', {
      name: DEMO_NAME,
      connectwise: {
        url: cw.url,
        companyId: cw.options.companyId,
        publicKey: cw.options.publicKey,
        privateKey: cw.options.privateKey,
        clientId: cw.options.clientId,
        selfHosted: true,
      },
      assetPanda: { url: ap.url, email: 'demo@example.com', password: 'demo-password' },
    });
    const id = integration.id;
    const catalog = await api<{ assetPanda: { groups: Array<{ id: number; name: string }> } }>(
      deps,
      'GET',
      `/api/integrations/${id}/catalog`,
    );
    const runs: Array<{ entity: string; runId: string; webUiUrl: string; total: number }> = [];
    for (const { entity, groupName } of DEMO_ENTITIES) {
      const group = catalog.assetPanda.groups.find((g) => g.name === groupName);
      if (!group) throw new Error(`the Asset Panda simulator has no ${groupName} group`);
      const proposal = await api<{ spec: unknown; problems: string[] }>(
        deps,
        'GET',
        `/api/integrations/${id}/mappings/${entity}/proposal?groupId=${group.id}`,
      );
      if (!proposal.spec)
        throw new Error(`no default mapping for ${entity}: ${proposal.problems.join('; ')}`);
      const saved = await api<{ spec: unknown }>(
        deps,
        'PUT',
        `/api/integrations/${id}/mappings/${entity}`,
        proposal.spec,
      );
      const { filters } = mappingSpecSchema.parse(saved.spec);
      await api(deps, 'PUT', `/api/integrations/${id}/schedules/${entity}`, {
        every: '15m',
        mode: 'incremental',
      });
      const started = await api<{ runId: string; webUiUrl: string }>(
        deps,
        'POST',
        `/api/integrations/${id}/runs`,
        { entity, mode: 'full' },
      );
      runs.push({
        entity,
        ...started,
        total: cw.admin.all(entity).filter((r) => matchesFilters(r, filters)).length,
      });
    }

    for (const run of runs) {
      const line = progressLine(run.entity);
      for (;;) {
        const view = await api<{
          status: string;
          stats: Record<string, number>;
          progress: { phase: string } | null;
          error: string | null;
        }>(deps, 'GET', `/api/runs/${run.runId}`);
        const { fetched = 0, created = 0, updated = 0, unchanged = 0, failed = 0 } = view.stats;
        const detail = `${view.progress?.phase ?? view.status} · created ${created} · updated ${updated} · unchanged ${unchanged} · failed ${failed}`;
        if (!['running', 'paused'].includes(view.status)) {
          line.finish(
            fetched,
            run.total,
            `${view.status} · created ${created} · updated ${updated} · failed ${failed}${view.error ? ` · ${view.error}` : ''}`,
          );
          break;
        }
        line.update(fetched, run.total, detail);
        await new Promise((r) => setTimeout(r, 300));
      }
    }

    const auth = `-H 'Authorization: Bearer ${deps.apiToken}'`;
    deps.print(
      [
        '',
        'The demo integration is set up: companies and configurations sync every 15 minutes (incremental).',
        ...runs.map((r) => `  ${r.entity.padEnd(15)} run ${r.runId}\n  ${''.padEnd(15)} ${r.webUiUrl}`),
        '',
        'Try:',
        `  curl -s ${auth} ${deps.apiUrl}/api/runs | jq`,
        `  curl -s ${auth} ${deps.apiUrl}/api/schedules | jq`,
        `  curl -s ${auth} -X POST -H 'Content-Type: application/json' -d '{"entity":"configurations","mode":"incremental"}' ${deps.apiUrl}/api/integrations/${id}/runs`,
        `  curl -s ${auth} -X POST ${deps.apiUrl}/api/integrations/${id}/schedules/configurations/trigger | jq`,
        `  curl -s ${auth} ${deps.apiUrl}/openapi.json | jq '.paths | keys'`,
        `  # change a device in ConnectWise (simulator admin API), then run an incremental sync:`,
        `  curl -s -X PATCH -H 'Content-Type: application/json' -d '{"name":"Renamed laptop"}' ${cw.url}/__admin/configurations/1`,
        '',
      ].join('\n'),
    );
    return { stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
