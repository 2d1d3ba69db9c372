/**
 * The Express application: JSON in and out, bearer-token auth on everything but /healthz, one error shape.
 * Routes live one file per resource under routes/.
 */
import express, { type Express } from 'express';
import { requireBearerToken } from './auth.js';
import type { ApiContext } from './context.js';
import { errorHandler, unknownRoute } from './errors.js';
import { diagnosticsRoutes } from './routes/diagnostics.js';
import { healthRoutes } from './routes/health.js';

export function createApp(ctx: ApiContext): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', false);
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
  app.use(healthRoutes(ctx));
  app.use(requireBearerToken(ctx.settings.apiToken));
  app.use(express.json({ limit: ctx.settings.env.API_BODY_LIMIT }));
  app.use(diagnosticsRoutes(ctx));
  app.use(unknownRoute);
  app.use(errorHandler(ctx.log));
  return app;
}
