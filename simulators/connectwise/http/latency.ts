/** Delays every API response by the configured latency (the timers are cleared when the server closes). */
import type { RequestHandler } from 'express';
import type { SimulatorState } from '../state/simulator-state.js';

export function addLatency(state: SimulatorState): RequestHandler {
  return (_req, _res, next) => {
    const ms = state.controls.latencyMs;
    if (ms <= 0) return next();
    const timer = setTimeout(() => {
      state.timers.delete(timer);
      next();
    }, ms);
    state.timers.add(timer);
  };
}
