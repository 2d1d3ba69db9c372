/**
 * The request budget: at most `requestsPerMinute` requests in any sliding 60 seconds (see
 * state/sliding-window.ts). Beyond it, 429 with `Retry-After` in seconds and the vendor's JSON body
 * (`error`, not the usual `code`).
 */
import type { RequestHandler } from 'express';
import type { SimulatorState } from '../state/simulator-state.js';
import { sendJson } from './respond.js';

export function rateLimit(state: SimulatorState): RequestHandler {
  return (_req, res, next) => {
    const wait = state.requestWindow.take(state.controls.requestsPerMinute, Date.now());
    if (wait === 0) return next();
    res.setHeader('Retry-After', String(wait));
    sendJson(res, 429, {
      error: 'ConnectWiseAPI',
      message: `Too many requests. Please try again in ${wait} seconds.`,
    });
  };
}
