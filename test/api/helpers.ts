/**
 * Small helpers for the API tests: polling instead of sleeping, the one error shape, and the few steps
 * (create an integration, map an entity, start and finish a run) that many tests take through HTTP.
 */
import assert from 'node:assert/strict';
import type { ApiHarness } from '../support/api-harness.js';

/** The demo Asset Panda group of each ConnectWise entity (simulators/assetpanda/demo-groups.ts). */
export const GROUP_OF = {
  companies: 1001,
  configurations: 1002,
  catalog: 1003,
  tickets: 1004,
  agreements: 1005,
} as const;
export type Entity = keyof typeof GROUP_OF;

export const FINISHED = ['completed', 'failed', 'cancelled'];

/** Polls until `probe` returns something other than undefined. */
export async function until<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}

export interface ErrorBody {
  code: string;
  message: string;
  details?: unknown;
}

/** Asserts the status and the API's one error shape `{ error: { code, message, details? } }`. */
export function assertError(res: { status: number; body: unknown }, status: number, code: string): ErrorBody {
  assert.equal(res.status, status, JSON.stringify(res.body));
  assert.ok(res.body && typeof res.body === 'object', `a JSON body, got ${JSON.stringify(res.body)}`);
  assert.deepEqual(Object.keys(res.body), ['error']);
  const error = (res.body as { error: ErrorBody }).error;
  for (const key of Object.keys(error)) assert.ok(['code', 'message', 'details'].includes(key), key);
  assert.equal(typeof error.message, 'string');
  assert.ok(error.message.length > 0);
  assert.equal(error.code, code, JSON.stringify(error));
  return error;
}

/** The `details` of a 400/422 as the list of `{ path, message }` it must be. */
export function problems(error: ErrorBody): Array<{ path: string; message: string }> {
  assert.ok(Array.isArray(error.details), `details is a list: ${JSON.stringify(error)}`);
  return error.details as Array<{ path: string; message: string }>;
}

/** Creates an integration through the API (tested unless `test: false`) and returns its id. */
export async function createIntegration(
  h: ApiHarness,
  name: string,
  input: Record<string, unknown> = h.integrationInput(name),
  opts: { test?: boolean } = {},
): Promise<string> {
  const query = opts.test === false ? '?test=false' : '';
  const res = await h.call('POST', `/api/integrations${query}`, { ...input, name });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return res.body.id as string;
}

/** Saves the proposed mapping of an entity onto its demo group, with optional option overrides. */
export async function mapEntity(
  h: ApiHarness,
  integrationId: string,
  entity: Entity,
  options: Record<string, unknown> = {},
): Promise<Record<string, unknown>> {
  const proposal = await h.call(
    'GET',
    `/api/integrations/${integrationId}/mappings/${entity}/proposal?groupId=${GROUP_OF[entity]}`,
  );
  assert.equal(proposal.status, 200, JSON.stringify(proposal.body));
  const spec = { ...proposal.body.spec, options: { ...proposal.body.spec.options, ...options } };
  const saved = await h.call('PUT', `/api/integrations/${integrationId}/mappings/${entity}`, spec);
  assert.equal(saved.status, 200, JSON.stringify(saved.body));
  return spec;
}

export async function startRun(
  h: ApiHarness,
  integrationId: string,
  entity: Entity,
  mode: 'full' | 'incremental' = 'full',
): Promise<string> {
  const res = await h.call('POST', `/api/integrations/${integrationId}/runs`, { entity, mode });
  assert.equal(res.status, 202, JSON.stringify(res.body));
  return res.body.runId as string;
}

/** Waits until the run's own start activity has recorded it in the store (GET /api/runs/:id answers). */
export const runRecorded = (h: ApiHarness, runId: string) =>
  until(`run ${runId} in the store`, async () => {
    const res = await h.call('GET', `/api/runs/${runId}`);
    return res.status === 200 ? res.body : undefined;
  });

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- run views are read freely
export const runFinished = (h: ApiHarness, runId: string, timeoutMs = 60_000): Promise<any> =>
  until(
    `run ${runId} to finish`,
    async () => {
      const res = await h.call('GET', `/api/runs/${runId}`);
      return res.status === 200 && FINISHED.includes(res.body.status) ? res.body : undefined;
    },
    timeoutMs,
  );

/** Starts a run and waits for it to complete; returns the finished run view. */
export async function completedRun(
  h: ApiHarness,
  integrationId: string,
  entity: Entity,
  mode: 'full' | 'incremental' = 'full',
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- run views are read freely
): Promise<any> {
  const runId = await startRun(h, integrationId, entity, mode);
  const run = await runFinished(h, runId);
  assert.equal(run.status, 'completed', JSON.stringify(run));
  return run;
}

/**
 * Closes the harness even when a test already shut its worker down (ApiHarness.close() calls
 * worker.shutdown(), which throws on a worker that is no longer running).
 */
export async function closeHarness(h: ApiHarness | undefined): Promise<void> {
  if (!h) return;
  if (h.worker.getState() !== 'RUNNING') h.worker.shutdown = () => undefined;
  await h.close();
}

/**
 * Wraps `h.call` so that every response body is kept (as text) for the secret checks.
 * Returns the list it fills.
 */
export function recordResponses(h: ApiHarness): string[] {
  const seen: string[] = [];
  const call = h.call.bind(h);
  h.call = async (...args) => {
    const res = await call(...args);
    seen.push(typeof res.body === 'string' ? res.body : JSON.stringify(res.body ?? ''));
    return res;
  };
  return seen;
}
