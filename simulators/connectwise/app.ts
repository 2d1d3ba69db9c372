/**
 * The HTTP application. Order matters and mirrors a real deployment from the outside in: the admin
 * surface is apart from everything; then each API request is counted, delayed, throttled (an edge
 * limit, before anything else answers), checked for URL length, possibly faulted, and only then routed.
 */
import express from 'express';
import type { Express } from 'express';
import { randomUUID } from 'node:crypto';
import type { ConnectWiseSimulatorAdmin } from './types.js';
import type { SimulatorState } from './state/simulator-state.js';
import { adminRouter } from './http/admin-routes.js';
import { apiRouter } from './http/api-routes.js';
import { injectFaults } from './http/faults.js';
import { addLatency } from './http/latency.js';
import { loginRouter } from './http/login-routes.js';
import { rateLimit } from './http/rate-limit.js';
import { countRequests } from './http/request-stats.js';
import { errorHandler } from './http/respond.js';
import { rejectLongUrls } from './http/url-length.js';

export function createApp(state: SimulatorState, admin: ConnectWiseSimulatorAdmin): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);

  app.use('/__admin', adminRouter(state, admin));

  app.use(countRequests(state));
  app.use(addLatency(state));
  app.use(rateLimit(state));
  app.use(rejectLongUrls());
  app.use(injectFaults(state));
  app.use((_req, res, next) => {
    res.setHeader('api-current-version', state.config.version);
    res.setHeader('x-cw-request-id', randomUUID());
    res.setHeader('x-server-name', 'cw-simulator');
    next();
  });

  app.use(loginRouter(state));
  app.use(`/${state.config.codebase}apis/3.0`, apiRouter(state));
  // Anything else, a wrong codebase included, is the web server's own 404 page.
  app.use((req, res) => {
    res
      .status(404)
      .type('text/html; charset=utf-8')
      .send(`<html><head><title>404 Not Found</title></head><body><h1>Not Found</h1></body></html>`);
  });
  app.use(errorHandler);
  return app;
}
