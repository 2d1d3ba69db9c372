import { randomUUID } from 'node:crypto';
import { Router } from 'express';
import { z } from 'zod';
import { roundTripWorkflow } from '../../workflows/roundtrip.js';
import { parseInput } from '../errors.js';
import { webUiUrl, type ApiContext } from '../context.js';

const roundTripBody = z.object({ message: z.string().max(200).default('ping') }).strict();

/** POST /api/diagnostics/roundtrip: runs a one-activity workflow and returns its result. */
export function diagnosticsRoutes(ctx: ApiContext): Router {
  const router = Router();
  router.post('/api/diagnostics/roundtrip', async (req, res) => {
    const { message } = parseInput(roundTripBody, req.body ?? {});
    const workflowId = `roundtrip-${randomUUID()}`;
    const result = await ctx.temporal.client.workflow.execute(roundTripWorkflow, {
      taskQueue: ctx.settings.env.TEMPORAL_TASK_QUEUE,
      workflowId,
      args: [message],
      workflowExecutionTimeout: '30 seconds',
    });
    res.json({ workflowId, result, webUiUrl: webUiUrl(ctx, workflowId) });
  });
  return router;
}
