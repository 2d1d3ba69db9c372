/**
 * The HTTP surface, in the order a request meets it: accounting, latency, the per-IP budget, injected
 * faults, body parsing, the token endpoint, the bearer check, then the resource routes. A fault with
 * timing 'after' lets a write through all of these and replaces its answer on the way out.
 */
import express, { type Express } from 'express';
import { adminRoutes } from './admin-http.js';
import { archiveRoutes } from './archive.js';
import type { SimContext } from './context.js';
import { errorHandler, unknownRoute } from './errors.js';
import { addLatency, injectFaults, type NetworkConditions } from './faults.js';
import { groupRoutes } from './groups.js';
import { objectRoutes } from './objects.js';
import { rateLimit, type CallBudget } from './rate-limit.js';
import { searchRoutes } from './search.js';
import { countCalls, type StatsRecorder } from './stats.js';
import { requireBearer, tokenRoutes, type TokenRegistry } from './tokens.js';
import type { AssetPandaSimulatorAdmin } from './types.js';

export interface AppParts {
  ctx: SimContext;
  tokens: TokenRegistry;
  budget: CallBudget;
  conditions: NetworkConditions;
  stats: StatsRecorder;
  admin: AssetPandaSimulatorAdmin;
}

// 200 objects of a few dozen fields fit easily; the limit only guards against runaway bodies.
const BODY_LIMIT = '20mb';

export function createApp(parts: AppParts): Express {
  const { ctx, tokens, budget, conditions, stats, admin } = parts;
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);

  const parseBodies = [
    express.json({ limit: BODY_LIMIT, type: ['application/json', 'application/*+json'] }),
    express.urlencoded({ extended: false, limit: BODY_LIMIT }),
  ];

  app.use('/__admin', ...parseBodies, adminRoutes(admin));

  const api = express.Router();
  api.use(countCalls(stats), addLatency(conditions), rateLimit(budget), injectFaults(conditions, stats));
  api.use(...parseBodies);
  api.use(tokenRoutes(ctx.options, tokens));
  api.use(requireBearer(tokens));
  api.use(groupRoutes(ctx), searchRoutes(ctx), archiveRoutes(ctx), objectRoutes(ctx));
  app.use('/v3', api);

  app.use(unknownRoute);
  app.use(errorHandler);
  return app;
}
