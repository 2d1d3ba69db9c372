/**
 * Call accounting, so tests and the benchmark can assert how a client used the API (calls per operation,
 * statuses seen, times it was throttled) without instrumenting the client.
 */
import type { RequestHandler } from 'express';
import type { ApStats } from './types.js';

const OPERATIONS: Array<[method: string, path: RegExp, name: string]> = [
  ['POST', /^\/session(\/|-)token$/, 'session.token'],
  ['GET', /^\/settings$/, 'settings'],
  ['GET', /^\/groups$/, 'groups.list'],
  ['GET', /^\/groups\/[^/]+$/, 'groups.get'],
  ['GET', /^\/groups\/[^/]+\/fields$/, 'groups.fields'],
  ['GET', /^\/groups\/[^/]+\/statuses$/, 'groups.statuses'],
  ['POST', /^\/groups\/[^/]+\/(search\/objects|objects\/search)$/, 'objects.search'],
  ['POST', /^\/groups\/[^/]+\/objects\/archive$/, 'objects.archive'],
  ['POST', /^\/groups\/[^/]+\/objects\/unarchive$/, 'objects.unarchive'],
  ['POST', /^\/groups\/[^/]+\/objects$/, 'objects.create'],
  ['PUT', /^\/groups\/[^/]+\/objects$/, 'objects.update_many'],
  ['GET', /^\/groups\/[^/]+\/objects\/[^/]+$/, 'objects.get'],
  ['PATCH', /^\/groups\/[^/]+\/objects\/[^/]+$/, 'objects.patch'],
];

/** The operation name of a /v3 request; `path` is relative to /v3. */
export function operationOf(method: string, path: string): string {
  const trimmed = path.length > 1 ? path.replace(/\/+$/, '') : path;
  return OPERATIONS.find(([m, re]) => m === method && re.test(trimmed))?.[2] ?? 'other';
}

export class StatsRecorder {
  private stats: ApStats = StatsRecorder.empty();

  private static empty(): ApStats {
    return { calls: 0, byStatus: {}, byOperation: {}, rateLimited: 0, lostResponses: 0 };
  }

  call(operation: string): void {
    this.stats.calls += 1;
    this.stats.byOperation[operation] = (this.stats.byOperation[operation] ?? 0) + 1;
  }

  /** A status code, or 'timeout' / 'drop' for requests that never got an answer. */
  outcome(status: number | 'timeout' | 'drop'): void {
    const key = String(status);
    this.stats.byStatus[key] = (this.stats.byStatus[key] ?? 0) + 1;
    if (status === 429) this.stats.rateLimited += 1;
  }

  /** A write that was applied, then answered with a fault. */
  lostResponse(): void {
    this.stats.lostResponses += 1;
  }

  snapshot(): ApStats {
    return structuredClone(this.stats);
  }

  reset(): void {
    this.stats = StatsRecorder.empty();
  }
}

export function countCalls(stats: StatsRecorder): RequestHandler {
  return (req, res, next) => {
    stats.call(operationOf(req.method, req.path));
    res.on('finish', () => stats.outcome(res.statusCode));
    next();
  };
}
