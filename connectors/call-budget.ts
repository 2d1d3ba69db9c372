/**
 * A call budget: "at most N calls in any window of W seconds". Connectors call `take()` before each
 * request; it resolves when the call may go out. This is pacing, not retrying: nothing has failed yet.
 *
 * The in-memory budget here keeps a sliding log of call times, which respects the limit under both a
 * fixed-window and a sliding-window reading of a vendor's limit while still allowing a burst up to N.
 * A store-backed budget with the same contract holds the limit across several worker processes.
 */
import { ConnectorError, type ConnectorTarget } from './errors.js';

export interface CallBudget {
  /**
   * Waits for a slot. Throws ConnectorError(kind 'budget_exhausted', retryAfterMs) instead of waiting
   * longer than the budget's maxWaitMs, so an activity can hand the wait to Temporal.
   */
  take(signal?: AbortSignal): Promise<void>;
}

export interface SlidingWindowOptions {
  target: ConnectorTarget;
  calls: number;
  windowMs: number;
  /** Longest wait inside take(); beyond it take() throws. Default: the whole window. */
  maxWaitMs?: number;
  /** Reports every wait (for the rate-limit-wait metric). */
  onWait?: (ms: number) => void;
  now?: () => number;
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason ?? new Error('aborted'));
      return;
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason ?? new Error('aborted'));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Decides, from the times of recent calls, how long the next call must wait (0 = go now). */
export function waitBeforeNextCall(
  recent: readonly number[],
  calls: number,
  windowMs: number,
  now: number,
): number {
  const inWindow = recent.filter((t) => t > now - windowMs).sort((a, b) => a - b);
  if (inWindow.length < calls) return 0;
  // The call that must age out of the window before one more fits.
  const oldestBlocking = inWindow[inWindow.length - calls] ?? now;
  return Math.max(1, oldestBlocking + windowMs - now);
}

/**
 * The waiting part of every budget: ask for a slot, wait as long as told (reporting the wait), ask again;
 * refuse to wait longer than maxWaitMs. `tryTake` records the call when it returns 0.
 */
export async function takeSlot(
  tryTake: () => Promise<number> | number,
  options: Pick<SlidingWindowOptions, 'target' | 'calls' | 'windowMs' | 'maxWaitMs' | 'onWait'>,
  signal?: AbortSignal,
): Promise<void> {
  const maxWait = options.maxWaitMs ?? options.windowMs;
  for (;;) {
    const wait = await tryTake();
    if (wait === 0) return;
    if (wait > maxWait) {
      throw new ConnectorError({
        target: options.target,
        kind: 'budget_exhausted',
        retryable: true,
        retryAfterMs: wait,
        message: `${options.target} call budget (${options.calls} per ${options.windowMs / 1000}s) is used up for the next ${Math.ceil(wait / 1000)}s`,
      });
    }
    options.onWait?.(wait);
    await sleep(wait, signal);
  }
}

export class InMemoryCallBudget implements CallBudget {
  private log: number[] = [];
  private chain: Promise<void> = Promise.resolve();
  private readonly now: () => number;

  constructor(private readonly options: SlidingWindowOptions) {
    this.now = options.now ?? Date.now;
  }

  take(signal?: AbortSignal): Promise<void> {
    // Serialise takers so that two concurrent callers cannot both see the last free slot.
    const turn = this.chain.then(() => this.takeNow(signal));
    this.chain = turn.catch(() => undefined);
    return turn;
  }

  private takeNow(signal?: AbortSignal): Promise<void> {
    return takeSlot(
      () => {
        const now = this.now();
        this.log = this.log.filter((t) => t > now - this.options.windowMs);
        const wait = waitBeforeNextCall(this.log, this.options.calls, this.options.windowMs, now);
        if (wait === 0) this.log.push(now);
        return wait;
      },
      this.options,
      signal,
    );
  }
}

/** A budget that never waits (tests of other behaviour, or a vendor without a limit). */
export const unlimitedBudget: CallBudget = { take: async () => undefined };
