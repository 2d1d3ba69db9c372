/**
 * The account's shape: groups, their fields and statuses, and account settings (date format, token
 * lifetime). Read-only over the API; groups are added through the admin API.
 */
import express, { type Router } from 'express';
import { groupOf, type SimContext } from './context.js';
import type { Group } from './store.js';

const ACCOUNT_ID = 1;

function groupSummary(group: Group) {
  return { id: group.id, name: group.name, key: group.key, icon: group.icon };
}

function fieldJson(group: Group) {
  return group.fields.map((f, i) => ({
    id: group.id * 1000 + i + 1,
    name: f.name,
    key: f.key,
    type: f.type,
    is_required: f.required === true,
    is_only_embedded: false,
    entity_id: group.id,
    is_open_field: false,
    show_in_value: true,
    // Uniqueness is deliberately not exposed: no public source shows it in the field schema.
    ...(f.type === 'list' ? { options: [...(f.options ?? [])] } : {}),
  }));
}

export function groupRoutes(ctx: SimContext): Router {
  const router = express.Router();

  router.get('/groups', (_req, res) => {
    res.json({ groups: ctx.store.groups().map(groupSummary) });
  });

  router.get('/groups/:gid', (req, res) => {
    const group = groupOf(ctx, req.params.gid);
    res.json({ ...groupSummary(group), fields: fieldJson(group) });
  });

  router.get('/groups/:gid/fields', (req, res) => {
    res.json({ fields: fieldJson(groupOf(ctx, req.params.gid)) });
  });

  router.get('/groups/:gid/statuses', (req, res) => {
    const group = groupOf(ctx, req.params.gid);
    res.json({
      statuses: group.statuses.map((s, i) => ({
        id: s.id,
        name: s.name,
        key: s.key,
        entity_id: group.id,
        is_default: i === 0,
        default_for_listing: i === 0,
      })),
    });
  });

  router.get('/settings', (_req, res) => {
    const email =
      (res.locals.email as string | undefined) ?? ctx.options.users[0]?.email ?? 'api@example.com';
    const userIndex = ctx.options.users.findIndex((u) => u.email === email);
    const [first = 'API', last = 'User'] = (email.split('@')[0] ?? '').split(/[._-]/);
    res.json({
      settings: {
        date_format: ctx.options.dateFormat,
        token_expires_in: ctx.options.tokenTtlSeconds,
        user_details: {
          account_id: ACCOUNT_ID,
          user_id: Math.max(userIndex, 0) + 1,
          email,
          first_name: first,
          last_name: last,
        },
        groups: ctx.store.groups().map(groupSummary),
      },
    });
  });

  return router;
}
