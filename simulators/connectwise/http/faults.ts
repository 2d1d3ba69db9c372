/**
 * Injected failures, one draw per API request against the configured rates:
 *  - status500: the API's own error (JSON);
 *  - status502: a proxy's error page (not JSON);
 *  - nonJson429: a CDN edge's throttle page (HTML, no Retry-After: the client must back off on its own);
 *  - timeout: no answer at all, the socket held open until the client gives up or the server closes;
 *  - drop: headers and part of the body, then the socket is destroyed.
 */
import type { RequestHandler, Response } from 'express';
import type { CwFaultRates } from '../types.js';
import type { SimulatorState } from '../state/simulator-state.js';
import { sendJson } from './respond.js';

type Fault = keyof CwFaultRates;
const ORDER: Fault[] = ['timeout', 'drop', 'status500', 'status502', 'nonJson429'];

function draw(rates: CwFaultRates, roll: number): Fault | undefined {
  let edge = 0;
  for (const fault of ORDER) {
    edge += rates[fault] ?? 0;
    if (roll < edge) return fault;
  }
  return undefined;
}

function html(res: Response, status: number, title: string, text: string): void {
  res
    .status(status)
    .type('text/html; charset=utf-8')
    .send(`<html><head><title>${title}</title></head><body><h1>${title}</h1><p>${text}</p></body></html>`);
}

export function injectFaults(state: SimulatorState): RequestHandler {
  return (_req, res, next) => {
    const rates = state.controls.faults;
    const fault = draw(rates, state.faultRandom.next());
    switch (fault) {
      case undefined:
        return next();
      case 'status500':
        return sendJson(res, 500, {
          code: 'UnexpectedError',
          message: 'An unexpected error occurred on the server. Please try again.',
        });
      case 'status502':
        return html(res, 502, '502 Bad Gateway', 'The proxy server received an invalid response.');
      case 'nonJson429':
        return html(res, 429, '429 Too Many Requests', 'You are being rate limited by the edge.');
      case 'timeout':
        state.stats.record('timeout', res.locals.entity as string | undefined);
        return;
      case 'drop': {
        state.stats.record('drop', res.locals.entity as string | undefined);
        res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': '4096' });
        res.write('[{"id":1,"name":"', () => res.socket?.destroy());
        return;
      }
    }
  };
}
