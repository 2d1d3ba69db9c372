/**
 * Test helpers: a simulator per test (closed when the test ends) and a tiny fetch wrapper. Deliberately
 * not the production client: these tests pin the simulator's wire behaviour.
 */
import type { TestContext } from 'node:test';
import {
  startAssetPandaSimulator,
  type AssetPandaSimulator,
  type AssetPandaSimulatorOptions,
} from '../../../simulators/assetpanda/index.js';

export const CREDENTIALS = { email: 'demo@example.com', password: 'demo-password' };
export const COMPANIES = 1001;
export const DEVICES = 1002;
export const PRODUCTS = 1003;

export interface Reply<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

export async function call<T = Record<string, unknown>>(
  url: string,
  method: string,
  path: string,
  options: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<Reply<T>> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.body !== undefined) headers['content-type'] ??= 'application/json';
  const response = await fetch(url + path, {
    method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await response.text();
  let body: unknown = undefined;
  try {
    body = text === '' ? undefined : JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { status: response.status, headers: response.headers, body: body as T, text };
}

export async function getToken(url: string, path = '/v3/session/token'): Promise<string> {
  const reply = await call<{ access_token: string }>(url, 'POST', path, { body: CREDENTIALS });
  if (reply.status !== 200) throw new Error(`token: ${reply.status} ${reply.text}`);
  return reply.body.access_token;
}

export interface Api {
  sim: AssetPandaSimulator;
  token: string;
  get<T = Record<string, unknown>>(path: string): Promise<Reply<T>>;
  post<T = Record<string, unknown>>(path: string, body?: unknown): Promise<Reply<T>>;
  put<T = Record<string, unknown>>(path: string, body: unknown): Promise<Reply<T>>;
  patch<T = Record<string, unknown>>(path: string, body: unknown): Promise<Reply<T>>;
}

/** A simulator with a session token, closed after the test. */
export async function startApi(t: TestContext, options: AssetPandaSimulatorOptions = {}): Promise<Api> {
  const sim = await startAssetPandaSimulator(options);
  t.after(() => sim.close());
  const token = await getToken(sim.url);
  return {
    sim,
    token,
    get: (path) => call(sim.url, 'GET', path, { token }),
    post: (path, body) => call(sim.url, 'POST', path, { token, body: body ?? {} }),
    put: (path, body) => call(sim.url, 'PUT', path, { token, body }),
    patch: (path, body) => call(sim.url, 'PATCH', path, { token, body }),
  };
}

export interface ApiObject {
  id: string;
  display_name: string;
  is_archived: boolean;
  created_at: string;
  updated_at: string;
  entity: { id: number; key: string };
  data: Record<string, string>;
  [key: string]: unknown;
}

export interface SearchReply {
  totals: { objects: number; group_totals: number; offset: number; limit: number };
  objects: ApiObject[];
}

export interface ValidationReply {
  message: string;
  errors: Array<Record<string, string[]>>;
  code: number;
}

export function company(id: number, name = `Company ${id}`): Record<string, string> {
  return { field_1: String(id), field_3: name };
}

/** Resolves once `condition` holds (checked every few ms); fails after `timeoutMs`. */
export async function waitFor(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
