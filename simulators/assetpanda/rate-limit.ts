/**
 * The vendor's limit: 400 calls per 3-minute window per client IP. Kept as a sliding log of accepted
 * calls, the strictest reading: a client that respects it here respects a fixed window too. Refused calls
 * are not logged, so a client that backs off as told by Retry-After is not punished for having asked.
 */
import type { RequestHandler } from 'express';

export class CallBudget {
  private readonly logs = new Map<string, number[]>();

  constructor(
    private calls: number | undefined,
    private windowMs: number,
  ) {}

  /** undefined (or 0, or Infinity) means unlimited. */
  set(calls: number | undefined, windowSeconds?: number): void {
    this.calls = calls !== undefined && calls > 0 && Number.isFinite(calls) ? calls : undefined;
    if (windowSeconds !== undefined) this.windowMs = windowSeconds * 1000;
  }

  describe(): string {
    return `${this.calls} calls per ${this.windowMs / 1000} seconds per IP address`;
  }

  /** Logs the call and returns 0 when it may go ahead, else the seconds until it may. */
  take(client: string, now: number): number {
    if (this.calls === undefined) return 0;
    const log = (this.logs.get(client) ?? []).filter((t) => t > now - this.windowMs);
    this.logs.set(client, log);
    if (log.length < this.calls) {
      log.push(now);
      return 0;
    }
    const oldestBlocking = log[log.length - this.calls]!;
    return Math.max(1, Math.ceil((oldestBlocking + this.windowMs - now) / 1000));
  }
}

export function clientAddress(remote: string | undefined): string {
  return (remote ?? 'unknown').replace(/^::ffff:/, '');
}

export function rateLimit(budget: CallBudget): RequestHandler {
  return (req, res, next) => {
    const wait = budget.take(clientAddress(req.socket.remoteAddress), Date.now());
    if (wait === 0) {
      next();
      return;
    }
    res
      .status(429)
      .set('Retry-After', String(wait))
      .json({ message: `Rate limit exceeded (${budget.describe()}). Retry after ${wait} seconds.` });
  };
}
