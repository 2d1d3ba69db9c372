/** Starting a simulator for a test file and calling it over real HTTP, as a client would. */
import { startConnectWiseSimulator } from '../../../simulators/connectwise/index.js';
import type {
  ConnectWiseSimulator,
  ConnectWiseSimulatorOptions,
} from '../../../simulators/connectwise/index.js';

export type Sim = ConnectWiseSimulator;
export type Row = Record<string, unknown>;

export function startSim(options: ConnectWiseSimulatorOptions = {}): Promise<Sim> {
  return startConnectWiseSimulator({ seed: 7, ...options });
}

export function basicAuth(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
}

/** The headers a well-behaved client sends. */
export function goodHeaders(sim: Sim): Record<string, string> {
  const { companyId, publicKey, privateKey, clientId } = sim.options;
  return {
    Authorization: basicAuth(`${companyId}+${publicKey}`, privateKey),
    clientId,
    Accept: 'application/vnd.connectwise.com+json; version=2022.1',
  };
}

export function apiUrl(sim: Sim, path: string, query: Record<string, string | number> = {}): string {
  const search = new URLSearchParams(
    Object.entries(query).map(([k, v]): [string, string] => [k, String(v)]),
  ).toString();
  return `${sim.url}/${sim.options.codebase}apis/3.0/${path}${search ? `?${search}` : ''}`;
}

/** GET an API path with good credentials (override or drop headers with `headers`). */
export function get(
  sim: Sim,
  path: string,
  query: Record<string, string | number> = {},
  headers: Record<string, string | undefined> = {},
  signal?: AbortSignal,
): Promise<Response> {
  const merged: Record<string, string> = {};
  for (const [k, v] of Object.entries({ ...goodHeaders(sim), ...headers })) {
    if (v !== undefined) merged[k] = v;
  }
  return fetch(apiUrl(sim, path, query), { headers: merged, signal });
}

export async function getJson<T = Row[]>(
  sim: Sim,
  path: string,
  query: Record<string, string | number> = {},
  headers: Record<string, string | undefined> = {},
): Promise<T> {
  const res = await get(sim, path, query, headers);
  if (res.status !== 200) throw new Error(`GET ${path} -> ${res.status}: ${await res.text()}`);
  return (await res.json()) as T;
}

/** `rel` → URL from a Link header. */
export function parseLink(header: string | null): Record<string, string> {
  const out: Record<string, string> = {};
  if (!header) return out;
  for (const part of header.split(/,\s*(?=<)/)) {
    const m = /^<([^>]*)>;\s*rel="([^"]+)"$/.exec(part.trim());
    if (m) out[m[2] as string] = m[1] as string;
  }
  return out;
}

export function ids(rows: readonly Row[]): number[] {
  return rows.map((r) => r.id as number);
}

/** Ids of the records for which `keep` holds, in id order: the expected answer of a filter. */
export function expectedIds(
  sim: Sim,
  entity: Parameters<Sim['admin']['all']>[0],
  keep: (r: Row) => boolean,
): number[] {
  return ids(sim.admin.all(entity).filter(keep));
}

/** Reads a `/`-path of a record. */
export function at(record: Row, path: string): unknown {
  return path
    .split('/')
    .reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Row)[k] : undefined), record);
}
