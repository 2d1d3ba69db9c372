/**
 * Archive and unarchive. The vendor's schema makes both `object_ids` and `stop_date` (a date in the
 * account format) required for archiving; unarchiving needs only `object_ids`. Like batches, the call is
 * all or nothing: one unknown id and nothing changes.
 */
import express, { type Router } from 'express';
import { groupOf, type SimContext } from './context.js';
import { badRequest, invalid } from './errors.js';
import { renderObject } from './render.js';
import type { Group, StoredObject } from './store.js';
import type { FieldErrors } from './validation.js';
import { isAccountDate } from './values.js';

function readIds(group: Group, body: Record<string, unknown>, errors: FieldErrors): StoredObject[] {
  const ids = body.object_ids;
  if (!Array.isArray(ids) || ids.length === 0 || ids.some((id) => typeof id !== 'string')) {
    errors.object_ids = ['object_ids is required: a non-empty array of object ids'];
    return [];
  }
  const unknown = (ids as string[]).filter((id) => !group.objects.has(id));
  if (unknown.length > 0) errors.object_ids = [`no such objects in ${group.name}: ${unknown.join(', ')}`];
  return (ids as string[]).flatMap((id) => group.objects.get(id) ?? []);
}

export function archiveRoutes(ctx: SimContext): Router {
  const router = express.Router();

  const bodyOf = (raw: unknown): Record<string, unknown> => {
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
      throw badRequest('The body must be a JSON object with object_ids');
    }
    const body = raw as Record<string, unknown>;
    if (Array.isArray(body.object_ids) && body.object_ids.length > ctx.options.batchLimit) {
      throw badRequest(
        `At most ${ctx.options.batchLimit} object_ids per call; got ${body.object_ids.length}`,
      );
    }
    return body;
  };

  router.post('/groups/:gid/objects/archive', (req, res) => {
    const group = groupOf(ctx, req.params.gid);
    const body = bodyOf(req.body ?? {});
    const errors: FieldErrors = {};
    const objects = readIds(group, body, errors);
    const format = ctx.options.dateFormat;
    if (typeof body.stop_date !== 'string' || body.stop_date.trim() === '') {
      errors.stop_date = [`stop_date is required: a date in the account format ${format}`];
    } else if (!isAccountDate(body.stop_date, format)) {
      errors.stop_date = [
        `stop_date must be a date in the account format ${format}, got "${body.stop_date}"`,
      ];
    }
    if (Object.keys(errors).length > 0) {
      throw invalid(`Nothing was archived: ${Object.values(errors).flat().join('; ')}`, [errors]);
    }
    for (const object of objects) ctx.store.setArchived(object, true, String(body.stop_date));
    res.json({
      message: `${objects.length} objects archived`,
      objects: objects.map((o) => renderObject(group, o, ctx.options.objectShape)),
    });
  });

  router.post('/groups/:gid/objects/unarchive', (req, res) => {
    const group = groupOf(ctx, req.params.gid);
    const errors: FieldErrors = {};
    const objects = readIds(group, bodyOf(req.body ?? {}), errors);
    if (Object.keys(errors).length > 0) {
      throw invalid(`Nothing was unarchived: ${Object.values(errors).flat().join('; ')}`, [errors]);
    }
    for (const object of objects) ctx.store.setArchived(object, false, null);
    res.json({
      message: `${objects.length} objects unarchived`,
      objects: objects.map((o) => renderObject(group, o, ctx.options.objectShape)),
    });
  });

  return router;
}
