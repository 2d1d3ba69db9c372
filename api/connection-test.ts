/**
 * "Test and Save Connection": both ends are tried with the settings as given (before anything is stored)
 * and the outcome says, per end, what is wrong in words a person can act on.
 */
import { createAssetPandaClient } from '../connectors/assetpanda/index.js';
import { testConnectWiseConnection } from '../connectors/connectwise/index.js';
import type { BudgetFactory } from '../activities/connections.js';
import type { CallObserver } from '../connectors/observer.js';

export interface ConnectionCheck {
  ok: boolean;
  problem?: string;
  message?: string;
  details?: unknown;
}

export interface ConnectionTest {
  ok: boolean;
  connectwise: ConnectionCheck;
  assetPanda: ConnectionCheck;
  /** Discovered on the way: the Asset Panda account's date format. */
  dateFormat?: string;
}

export interface TestInputs {
  connectwise: Record<string, unknown>;
  assetPanda: Record<string, unknown>;
}

export async function testConnections(
  inputs: TestInputs,
  deps: { budgets: BudgetFactory; observer?: CallObserver },
): Promise<ConnectionTest> {
  const [connectwise, assetPanda] = await Promise.all([
    testConnectWise(inputs.connectwise, deps),
    testAssetPanda(inputs.assetPanda, deps),
  ]);
  const { dateFormat, ...apCheck } = assetPanda;
  return {
    ok: connectwise.ok && apCheck.ok,
    connectwise,
    assetPanda: apCheck,
    ...(dateFormat ? { dateFormat } : {}),
  };
}

async function testConnectWise(
  settings: Record<string, unknown>,
  deps: { budgets: BudgetFactory; observer?: CallObserver },
): Promise<ConnectionCheck> {
  const host = String(settings.url ?? '').toLowerCase();
  const result = await testConnectWiseConnection(settings, undefined, {
    budget: deps.budgets(
      'connectwise',
      `connectwise:${host}:${String(settings.companyId ?? '').toLowerCase()}`,
    ),
    ...(deps.observer ? { observer: deps.observer } : {}),
    timeoutMs: 15_000,
  });
  const readable = result.entities.filter((e) => e.status === 'ok');
  const entities = result.entities.map((e) => ({
    entity: e.entity,
    status: e.status,
    permission: e.permission,
    ...(e.message ? { message: e.message } : {}),
  }));
  // Keys that work but may not read some entity still pass: that entity's mapping is what cannot run.
  const ok = readable.length > 0 && (!result.problem || result.problem.kind === 'forbidden');
  return {
    ok,
    ...(result.problem && !ok ? { problem: result.problem.kind, message: result.problem.message } : {}),
    details: { entities, ...(result.site ? { codebase: result.site.codebase } : {}) },
  };
}

async function testAssetPanda(
  input: Record<string, unknown>,
  deps: { budgets: BudgetFactory; observer?: CallObserver },
): Promise<ConnectionCheck & { dateFormat?: string }> {
  const baseUrl = String(input.url ?? 'https://api.assetpanda.com');
  let host = baseUrl;
  try {
    host = new URL(baseUrl).host;
  } catch {
    // the settings schema has already refused a bad URL; keep the raw text as the budget key
  }
  const { url: _url, ...credentials } = input;
  const client = createAssetPandaClient(
    { ...credentials, baseUrl },
    {
      budget: deps.budgets('assetpanda', `assetpanda:${host.toLowerCase()}`),
      ...(deps.observer ? { observer: deps.observer } : {}),
      timeoutMs: 15_000,
    },
  );
  const result = await client.testConnection();
  if (!result.ok) return { ok: false, problem: result.problem, message: result.message };
  let dateFormat: string | undefined;
  try {
    dateFormat = await client.dateFormat();
  } catch {
    // the date format is a convenience; a failure here does not fail the test
  }
  return { ok: true, details: { groups: result.groupCount }, ...(dateFormat ? { dateFormat } : {}) };
}
