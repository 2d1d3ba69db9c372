/**
 * Bad network days: added latency, and failures at configured rates. By default (timing 'before') a
 * failure strikes before the request is handled, so a failed call never changed anything. With timing
 * 'after' it strikes a write once the write is applied: the change is made and its answer is lost, which
 * is how a client's retry creates duplicates. A client cannot tell the two apart, which is the point.
 * Draws come from the seeded generator, so a given seed fails the same calls every run.
 */
import type { RequestHandler, Request, Response } from 'express';
import type { ApFaultRates, ApFaultSettings, ApFaultTiming } from './types.js';
import { operationOf, type StatsRecorder } from './stats.js';

type Fault = keyof ApFaultRates;
const FAULTS: Fault[] = ['status500', 'status502', 'status503', 'timeout', 'drop'];
const TIMINGS: readonly ApFaultTiming[] = ['before', 'after', 'both'];

/** The calls that change the account: the only ones whose answer can be lost after the fact. */
const WRITES = new Set([
  'objects.create',
  'objects.update_many',
  'objects.patch',
  'objects.archive',
  'objects.unarchive',
]);

/** A drawn fault and when it strikes: instead of handling the call, or instead of its answer. */
export interface Strike {
  fault: Fault;
  when: 'before' | 'after';
}

export function checkFaultRates(rates: ApFaultRates): ApFaultRates {
  let total = 0;
  for (const fault of FAULTS) {
    const rate = rates[fault] ?? 0;
    if (!(rate >= 0 && rate <= 1))
      throw new RangeError(`fault rate ${fault} must be between 0 and 1, got ${rate}`);
    total += rate;
  }
  if (total > 1) throw new RangeError(`fault rates add up to ${total}; at most 1`);
  return { ...rates };
}

export function checkFaultTiming(timing: unknown): ApFaultTiming {
  if (!TIMINGS.includes(timing as ApFaultTiming))
    throw new RangeError(`fault timing must be one of ${TIMINGS.join(', ')}, got ${String(timing)}`);
  return timing as ApFaultTiming;
}

export class NetworkConditions {
  private faults: ApFaultRates;
  private timing: ApFaultTiming;
  private timers = new Set<NodeJS.Timeout>();

  constructor(
    private readonly random: () => number,
    faults: ApFaultRates,
    timing: ApFaultTiming,
    private latencyMs: number,
  ) {
    this.faults = checkFaultRates(faults);
    this.timing = checkFaultTiming(timing);
  }

  /** Rates are replaced (omitted = 0); the timing only when given. Nothing changes if either is bad. */
  setFaults({ timing, ...rates }: ApFaultSettings): void {
    const checked = checkFaultRates(rates);
    if (timing !== undefined) this.timing = checkFaultTiming(timing);
    this.faults = checked;
  }

  setLatency(ms: number): void {
    if (!(ms >= 0)) throw new RangeError(`latency must be >= 0 ms, got ${ms}`);
    this.latencyMs = ms;
  }

  /**
   * Whether this call fails, and when. Under 'after' a read draws nothing, so which writes lose their
   * answer does not depend on how many reads came between them; under 'both' a faulted write draws its
   * timing as well.
   */
  strike(write: boolean): Strike | undefined {
    if (this.timing === 'after' && !write) return undefined;
    const fault = this.draw();
    if (fault === undefined) return undefined;
    if (!write || this.timing === 'before') return { fault, when: 'before' };
    if (this.timing === 'after') return { fault, when: 'after' };
    return { fault, when: this.random() < 0.5 ? 'before' : 'after' };
  }

  private draw(): Fault | undefined {
    if (FAULTS.every((f) => !this.faults[f])) return undefined;
    let r = this.random();
    for (const fault of FAULTS) {
      r -= this.faults[fault] ?? 0;
      if (r < 0) return fault;
    }
    return undefined;
  }

  delay(then: () => void): void {
    if (this.latencyMs <= 0) {
      then();
      return;
    }
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      then();
    }, this.latencyMs);
    this.timers.add(timer);
  }

  /** Pending delays would otherwise keep the process alive after close(). */
  shutdown(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }
}

export function addLatency(conditions: NetworkConditions): RequestHandler {
  return (_req, _res, next) => conditions.delay(() => next());
}

const BAD_GATEWAY_PAGE =
  '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n</body>\r\n</html>\r\n';

/** Answers with the fault, or (timeout, drop) with nothing at all. */
function fail(req: Request, res: Response, fault: Fault, stats: StatsRecorder): void {
  switch (fault) {
    case 'status500':
      res.status(500).json({ message: 'Internal server error' });
      return;
    case 'status502':
      // What a load balancer in front of the API sends: HTML, not JSON.
      res.status(502).type('text/html').send(BAD_GATEWAY_PAGE);
      return;
    case 'status503':
      res.status(503).json({ message: 'Service temporarily unavailable' });
      return;
    case 'timeout':
      // Never answer; close() ends the connection.
      stats.outcome('timeout');
      return;
    case 'drop':
      stats.outcome('drop');
      req.socket.destroy();
      return;
  }
}

/**
 * Lets the call be handled, then swaps its answer for the fault. Every answer ends in res.end (res.json
 * and res.send included), so that is where the handled answer is caught, before any byte of it is sent.
 */
function failAfterHandling(req: Request, res: Response, fault: Fault, stats: StatsRecorder): void {
  const end = res.end;
  res.end = function replaceAnswer(): Response {
    res.end = end;
    if (res.statusCode >= 200 && res.statusCode < 300) stats.lostResponse();
    for (const name of res.getHeaderNames()) res.removeHeader(name);
    fail(req, res, fault, stats);
    return res;
  } as Response['end'];
}

export function injectFaults(conditions: NetworkConditions, stats: StatsRecorder): RequestHandler {
  return (req, res, next) => {
    const strike = conditions.strike(WRITES.has(operationOf(req.method, req.path)));
    if (strike?.when === 'before') {
      fail(req, res, strike.fault, stats);
      return;
    }
    if (strike?.when === 'after') failAfterHandling(req, res, strike.fault, stats);
    next();
  };
}
