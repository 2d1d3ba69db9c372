/**
 * The Express application: JSON in and out, bearer-token auth on everything but /healthz, one error shape.
 * Routes live one file per resource under routes/, declared through api/endpoint.ts so that the OpenAPI
 * document at /openapi.json is generated from the same schemas that validate requests.
 */
import express, { type Express } from 'express';
import { requireBearerToken } from './auth.js';
import type { ApiContext } from './context.js';
import { Endpoints } from './endpoint.js';
import { errorHandler, unknownRoute } from './errors.js';
import { createRegistry, openApiDocument } from './openapi.js';
import { diagnosticsRoutes } from './routes/diagnostics.js';
import { healthRoutes } from './routes/health.js';
import { integrationRoutes } from './routes/integrations.js';
import { mappingRoutes } from './routes/mappings.js';
import { metricsRoutes } from './routes/metrics.js';
import { runRoutes } from './routes/runs.js';
import { scheduleRoutes } from './routes/schedules.js';

export function createApp(ctx: ApiContext): Express {
  const registry = createRegistry();
  const open = new Endpoints(registry);
  const endpoints = new Endpoints(registry);
  healthRoutes(ctx, open);
  diagnosticsRoutes(ctx, endpoints);
  integrationRoutes(ctx, endpoints);
  mappingRoutes(ctx, endpoints);
  runRoutes(ctx, endpoints);
  scheduleRoutes(ctx, endpoints);
  metricsRoutes(ctx, endpoints);
  const document = openApiDocument(registry);

  const app = express();
  app.disable('x-powered-by');
  app.use((req, res, next) => {
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      ctx.log.debug(
        { method: req.method, path: req.path, status: res.statusCode, ms: Math.round(ms) },
        'http',
      );
    });
    next();
  });
  app.use(open.router);
  app.use(requireBearerToken(ctx.settings.apiToken));
  app.use(express.json({ limit: ctx.settings.env.API_BODY_LIMIT }));
  app.get('/openapi.json', (_req, res) => {
    res.json(document);
  });
  app.use(endpoints.router);
  app.use(unknownRoute);
  app.use(errorHandler(ctx.log));
  return app;
}
