/**
 * Writing and reading group objects: create one or a batch, update a batch, patch one, read one.
 * A batch is all or nothing (see validation.ts).
 */
import express, { type Router } from 'express';
import { groupOf, valueContext, type SimContext } from './context.js';
import { badRequest, invalid, notFound } from './errors.js';
import { renderObject } from './render.js';
import type { Group, StoredObject } from './store.js';
import { planCreate, planUpdate, type FieldErrors } from './validation.js';

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function batchOf(body: unknown, limit: number, what: string): unknown[] {
  if (!isPlainObject(body) || !Array.isArray(body.objects)) {
    throw badRequest(`The body must be {"objects": [...]} to ${what} objects`);
  }
  const list = body.objects;
  if (list.length === 0) throw badRequest(`"objects" is empty: nothing to ${what}`);
  if (list.length > limit) {
    throw badRequest(
      `A batch may hold at most ${limit} objects; this one holds ${list.length}. Nothing was saved.`,
    );
  }
  return list;
}

/** "2 of 200 objects are invalid; nothing was saved. First: object 3, field_1: Company ID is not unique" */
function batchMessage(errors: FieldErrors[]): string {
  const bad = errors.filter((e) => Object.keys(e).length > 0).length;
  const index = errors.findIndex((e) => Object.keys(e).length > 0);
  const [key, messages] = Object.entries(errors[index] ?? {})[0] ?? ['', []];
  return `${bad} of ${errors.length} objects are invalid; nothing was saved. First: object ${index}, ${key}: ${messages[0] ?? ''}`;
}

function singleMessage(errors: FieldErrors[]): string {
  const all = Object.values(errors[0] ?? {}).flat();
  return `Validation failed: ${all.join('; ')}`;
}

function objectIn(group: Group, oid: string | undefined) {
  const object = oid === undefined ? undefined : group.objects.get(oid);
  if (!object) throw notFound(`Object ${oid} not found in group ${group.name}`);
  return object;
}

export function objectRoutes(ctx: SimContext): Router {
  const router = express.Router();
  const render = (group: Group) => (object: StoredObject) =>
    renderObject(group, object, ctx.options.objectShape);

  router.post('/groups/:gid/objects', (req, res) => {
    const group = groupOf(ctx, req.params.gid);
    const body: unknown = req.body;
    if (!isPlainObject(body))
      throw badRequest('The body must be a JSON object: a field map or {"objects": [...]}');
    if ('objects' in body) {
      const list = batchOf(body, ctx.options.batchLimit, 'create');
      const plan = planCreate(group, list, valueContext(ctx, group));
      if (!plan.ok) throw invalid(batchMessage(plan.errors), plan.errors);
      res.status(201).json({ objects: ctx.store.insert(group, plan.items).map(render(group)) });
      return;
    }
    const plan = planCreate(group, [body], valueContext(ctx, group));
    if (!plan.ok) throw invalid(singleMessage(plan.errors), plan.errors);
    const [created] = ctx.store.insert(group, plan.items);
    res.status(201).json(render(group)(created!));
  });

  router.put('/groups/:gid/objects', (req, res) => {
    const group = groupOf(ctx, req.params.gid);
    const list = batchOf(req.body, ctx.options.batchLimit, 'update');
    const plan = planUpdate(group, list, valueContext(ctx, group));
    if (!plan.ok) throw invalid(batchMessage(plan.errors), plan.errors);
    for (const item of plan.items) ctx.store.update(group, item.object, item.changes);
    res.json({ objects: plan.items.map((item) => render(group)(item.object)) });
  });

  router.get('/groups/:gid/objects/:oid', (req, res) => {
    const group = groupOf(ctx, req.params.gid);
    res.json(render(group)(objectIn(group, req.params.oid)));
  });

  router.patch('/groups/:gid/objects/:oid', (req, res) => {
    const group = groupOf(ctx, req.params.gid);
    const object = objectIn(group, req.params.oid);
    const body: unknown = req.body;
    if (!isPlainObject(body)) throw badRequest('The body must be a JSON object of field keys and values');
    const plan = planUpdate(group, [{ ...body, id: object.id }], valueContext(ctx, group));
    if (!plan.ok) throw invalid(singleMessage(plan.errors), plan.errors);
    ctx.store.update(group, object, plan.items[0]!.changes);
    res.json(render(group)(object));
  });

  return router;
}
