import type { Endpoints } from '../endpoint.js';
import type { ApiContext } from '../context.js';
import { registry } from '../../observability/metrics.js';

/** GET /metrics: the service's Prometheus metrics, plus the Temporal SDK's worker metrics when in-process. */
export function metricsRoutes(ctx: ApiContext, endpoints: Endpoints): void {
  endpoints.add({
    method: 'get',
    path: '/metrics',
    tag: 'Operations',
    summary: 'Prometheus metrics (text exposition format)',
    responses: {
      200: {
        description:
          'Runs, records by outcome, API calls by target and status, rate-limit waits, worker metrics',
      },
    },
    handler: async (_input, _req, res) => {
      const own = await registry.metrics();
      const extra = ctx.extraMetrics ? await ctx.extraMetrics().catch(() => '') : '';
      res.type(registry.contentType).send(`${own}\n${extra}`);
      return { status: 200 };
    },
  });
}
