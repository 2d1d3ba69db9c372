import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { roundTripWorkflow } from '../../workflows/roundtrip.js';
import { webUiUrl, type ApiContext } from '../context.js';
import type { Endpoints } from '../endpoint.js';

const roundTripBody = z.object({ message: z.string().max(200).default('ping') }).strict();

/** POST /api/diagnostics/roundtrip: a one-activity workflow through the worker, to check the chain. */
export function diagnosticsRoutes(ctx: ApiContext, endpoints: Endpoints): void {
  endpoints.add({
    method: 'post',
    path: '/api/diagnostics/roundtrip',
    tag: 'Operations',
    summary: 'Run a one-activity workflow through the worker (API → Temporal → worker → store → result)',
    body: roundTripBody,
    responses: {
      200: {
        description: 'The activity answered',
        schema: z.object({
          workflowId: z.string(),
          result: z.object({ message: z.string(), worker: z.string(), storeOk: z.boolean() }),
          webUiUrl: z.string(),
        }),
      },
    },
    handler: async ({ body }) => {
      const workflowId = `roundtrip-${randomUUID()}`;
      const result = await ctx.temporal.client.workflow.execute(roundTripWorkflow, {
        taskQueue: ctx.settings.env.TEMPORAL_TASK_QUEUE,
        workflowId,
        args: [body.message],
        workflowExecutionTimeout: '30 seconds',
      });
      return { status: 200, body: { workflowId, result, webUiUrl: webUiUrl(ctx, workflowId) } };
    },
  });
}
