import { z } from 'zod';
import { pingDatabase } from '../../store/database.js';
import type { ApiContext } from '../context.js';
import type { Endpoints } from '../endpoint.js';

const healthSchema = z
  .object({
    status: z.enum(['ok', 'degraded']),
    temporal: z.enum(['ok', 'unreachable']),
    store: z.enum(['ok', 'unreachable']),
  })
  .meta({ id: 'Health' });

/** GET /healthz: Temporal and the store both answer. No token, for load balancers. */
export function healthRoutes(ctx: ApiContext, endpoints: Endpoints): void {
  endpoints.add({
    method: 'get',
    path: '/healthz',
    tag: 'Operations',
    summary: 'Health: Temporal and the store answer',
    auth: false,
    responses: {
      200: { description: 'Both answer', schema: healthSchema },
      503: { description: 'One of them does not', schema: healthSchema },
    },
    handler: async () => {
      const checks = await Promise.allSettled([
        ctx.temporal.connection.workflowService.getSystemInfo({}),
        pingDatabase(ctx.store.db.db),
      ]);
      const [temporal, store] = checks.map((c) => (c.status === 'fulfilled' ? 'ok' : 'unreachable'));
      const ok = temporal === 'ok' && store === 'ok';
      return { status: ok ? 200 : 503, body: { status: ok ? 'ok' : 'degraded', temporal, store } };
    },
  });
}
