/**
 * Bad network days: added latency, and failures at configured rates. Failures strike before the request
 * is handled, so a failed call never changed anything; a client still cannot know that, which is the
 * point. Draws come from the seeded generator, so a given seed fails the same calls every run.
 */
import type { RequestHandler } from 'express';
import type { ApFaultRates } from './types.js';
import type { StatsRecorder } from './stats.js';

type Fault = keyof ApFaultRates;
const FAULTS: Fault[] = ['status500', 'status502', 'status503', 'timeout', 'drop'];

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

export class NetworkConditions {
  private faults: ApFaultRates;
  private timers = new Set<NodeJS.Timeout>();

  constructor(
    private readonly random: () => number,
    faults: ApFaultRates,
    private latencyMs: number,
  ) {
    this.faults = checkFaultRates(faults);
  }

  setFaults(faults: ApFaultRates): void {
    this.faults = checkFaultRates(faults);
  }

  setLatency(ms: number): void {
    if (!(ms >= 0)) throw new RangeError(`latency must be >= 0 ms, got ${ms}`);
    this.latencyMs = ms;
  }

  draw(): Fault | undefined {
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

export function injectFaults(conditions: NetworkConditions, stats: StatsRecorder): RequestHandler {
  return (req, res, next) => {
    switch (conditions.draw()) {
      case undefined:
        next();
        return;
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
  };
}
