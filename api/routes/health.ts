import { Router } from 'express';
import { pingDatabase } from '../../store/database.js';
import type { ApiContext } from '../context.js';

/** GET /healthz: Temporal and the store both answer. Unauthenticated, for load balancers. */
export function healthRoutes(ctx: ApiContext): Router {
  const router = Router();
  router.get('/healthz', async (_req, res) => {
    const checks = await Promise.allSettled([
      ctx.temporal.connection.workflowService.getSystemInfo({}),
      pingDatabase(ctx.store.db.db),
    ]);
    const [temporal, store] = checks.map((c) => (c.status === 'fulfilled' ? 'ok' : 'unreachable'));
    const ok = temporal === 'ok' && store === 'ok';
    res.status(ok ? 200 : 503).json({ status: ok ? 'ok' : 'degraded', temporal, store });
  });
  return router;
}
