/**
 * Turning what activities throw into Temporal failures: connector errors keep their retryability and hand
 * Retry-After (or our own budget's wait) to Temporal as `nextRetryDelay`; problems no retry can fix are
 * non-retryable with a message a person can act on.
 */
import { ApplicationFailure } from '@temporalio/activity';
import { ConnectorError } from '../connectors/errors.js';
import { rateLimitWaitSeconds } from '../observability/metrics.js';

export type FatalType =
  'AuthError' | 'ConfigError' | 'MappingInvalid' | 'NotFound' | 'SafetyValve' | 'RunAlreadyActive';

export function fatal(type: FatalType, message: string, details?: unknown): ApplicationFailure {
  return ApplicationFailure.create({
    type,
    message,
    nonRetryable: true,
    ...(details === undefined ? {} : { details: [details] }),
  });
}

const AUTH_KINDS = new Set(['unauthorized', 'forbidden', 'unknown_company', 'ssl_required']);

export function toFailure(err: unknown): unknown {
  if (err instanceof ApplicationFailure) return err;
  if (err instanceof ConnectorError) {
    if (err.kind === 'rate_limited' && err.retryAfterMs !== undefined)
      rateLimitWaitSeconds.inc({ target: err.target, source: 'retry-after' }, err.retryAfterMs / 1000);
    const who = err.target === 'connectwise' ? 'ConnectWise' : 'Asset Panda';
    const type = AUTH_KINDS.has(err.kind)
      ? 'AuthError'
      : err.kind === 'config'
        ? 'ConfigError'
        : `${err.target}.${err.kind}`;
    return ApplicationFailure.create({
      type,
      message: `${who}: ${err.message}`,
      nonRetryable: !err.retryable,
      ...(err.retryable && err.retryAfterMs !== undefined
        ? { nextRetryDelay: Math.max(1000, err.retryAfterMs) }
        : {}),
    });
  }
  return err;
}

/** Wraps an activity so every error leaves it classified. */
export function classified<A extends unknown[], R>(
  fn: (...args: A) => Promise<R>,
): (...args: A) => Promise<R> {
  const wrapped = async (...args: A): Promise<R> => {
    try {
      return await fn(...args);
    } catch (err) {
      throw toFailure(err);
    }
  };
  // Temporal registers activities by property name; keep the function's own name for logs.
  Object.defineProperty(wrapped, 'name', { value: fn.name });
  return wrapped;
}
