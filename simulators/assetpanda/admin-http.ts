/**
 * The admin API over HTTP, under /__admin, for a simulator running in another process (the demo, the
 * benchmark, the CLI). Unauthenticated and outside the call budget and stats.
 */
import express, { type Router } from 'express';
import { z } from 'zod';
import { SeedValidationError, UnknownGroupError } from './admin.js';
import { ApiError, badRequest } from './errors.js';
import { SpecError } from './store.js';
import type { AssetPandaSimulatorAdmin } from './types.js';

const FIELD_TYPES = [
  'text',
  'textarea',
  'number',
  'currency',
  'date',
  'boolean',
  'email',
  'url',
  'phone',
  'list',
  'status',
] as const;

const groupSpec = z.object({
  id: z.number().int().positive().optional(),
  name: z.string().min(1),
  key: z.string().min(1).optional(),
  fields: z.array(
    z.object({
      key: z.string().regex(/^field_\d+$/),
      name: z.string().min(1),
      type: z.enum(FIELD_TYPES),
      required: z.boolean().optional(),
      unique: z.union([z.literal(false), z.literal('unique'), z.literal('unique_with_blank')]).optional(),
      options: z.array(z.string()).optional(),
    }),
  ),
  statuses: z.array(z.string()).optional(),
});

const rate = z.number().min(0).max(1).optional();
const faults = z.object({
  status500: rate,
  status502: rate,
  status503: rate,
  timeout: rate,
  drop: rate,
  timing: z.enum(['before', 'after', 'both']).optional(),
});
const seed = z.object({ objects: z.array(z.record(z.string(), z.string())) });
const latency = z.object({ ms: z.number().min(0) });
const budget = z.object({
  calls: z.number().int().min(0).nullable(),
  windowSeconds: z.number().positive().optional(),
});

function parse<T>(schema: z.ZodType<T>, body: unknown): T {
  const result = schema.safeParse(body);
  if (!result.success) throw badRequest(z.prettifyError(result.error));
  return result.data;
}

function groupId(raw: unknown): number {
  const id = Number(raw);
  if (!Number.isInteger(id)) throw badRequest(`group id must be an integer, got ${String(raw)}`);
  return id;
}

/** Admin methods throw plain errors for unknown groups and bad specs; over HTTP they are 4xx. */
function asHttpError(err: unknown): unknown {
  if (err instanceof SeedValidationError)
    return new ApiError(422, err.message, { errors: err.errors, code: 2 });
  if (err instanceof SpecError || err instanceof RangeError) return badRequest(err.message);
  if (err instanceof UnknownGroupError) return new ApiError(404, err.message);
  return err;
}

export function adminRoutes(admin: AssetPandaSimulatorAdmin): Router {
  const router = express.Router();
  const guard =
    (handler: express.RequestHandler): express.RequestHandler =>
    async (req, res, next) => {
      try {
        await handler(req, res, next);
      } catch (err) {
        throw asHttpError(err);
      }
    };

  router.get('/groups', (_req, res) => {
    res.json({ groups: admin.groups() });
  });
  router.post(
    '/groups',
    guard((req, res) => {
      res.status(201).json(admin.addGroup(parse(groupSpec, req.body)));
    }),
  );
  router.get(
    '/groups/:gid/objects',
    guard((req, res) => {
      const includeArchived = req.query.includeArchived === 'true';
      res.json({ objects: admin.objects(groupId(req.params.gid), { includeArchived }) });
    }),
  );
  router.post(
    '/groups/:gid/objects',
    guard((req, res) => {
      const { objects } = parse(seed, req.body);
      res.status(201).json({ objects: admin.seedObjects(groupId(req.params.gid), objects) });
    }),
  );
  router.post('/tokens/expire', (_req, res) => {
    admin.expireTokens();
    res.status(204).end();
  });
  router.put(
    '/faults',
    guard((req, res) => {
      admin.setFaults(parse(faults, req.body));
      res.status(204).end();
    }),
  );
  router.put(
    '/latency',
    guard((req, res) => {
      admin.setLatency(parse(latency, req.body).ms);
      res.status(204).end();
    }),
  );
  router.put(
    '/budget',
    guard((req, res) => {
      const { calls, windowSeconds } = parse(budget, req.body);
      admin.setBudget(calls ?? undefined, windowSeconds);
      res.status(204).end();
    }),
  );
  router.get('/stats', (_req, res) => {
    res.json(admin.stats());
  });
  router.delete('/stats', (_req, res) => {
    admin.resetStats();
    res.status(204).end();
  });
  return router;
}
