/**
 * The unauthenticated admin surface under `/__admin/` for a simulator run from the CLI (tests use the
 * in-process `admin` object). Never faulted, delayed, throttled or counted.
 */
import express, { Router } from 'express';
import type { ConnectWiseSimulatorAdmin, CwEntity } from '../types.js';
import type { SimulatorState } from '../state/simulator-state.js';
import { sendJson } from './respond.js';

function idOf(raw: unknown): number {
  return /^\d+$/.test(String(raw)) ? Number(raw) : NaN;
}

export function adminRouter(state: SimulatorState, admin: ConnectWiseSimulatorAdmin): Router {
  const router = Router();
  router.use(express.json({ limit: '5mb' }));

  router.get('/', (_req, res) => {
    const { config, controls, book } = state;
    sendJson(res, 200, {
      codebase: config.codebase,
      companyId: config.companyId,
      publicKey: config.publicKey,
      privateKey: config.privateKey,
      clientId: config.clientId,
      isCloud: config.isCloud,
      forbidden: [...config.forbidden],
      controls,
      counts: Object.fromEntries(Object.entries(book.stores).map(([e, s]) => [e, s.size])),
    });
  });
  router.get('/stats', (_req, res) => sendJson(res, 200, admin.stats()));
  router.delete('/stats', (_req, res) => {
    admin.resetStats();
    res.status(204).end();
  });
  router.put('/faults', (req, res) => {
    admin.setFaults(req.body as Record<string, number>);
    sendJson(res, 200, state.controls.faults);
  });
  router.put('/latency', (req, res) => {
    admin.setLatency((req.body as { ms?: unknown }).ms as number);
    sendJson(res, 200, { ms: state.controls.latencyMs });
  });
  router.put('/rate-limit', (req, res) => {
    const n = (req.body as { requestsPerMinute?: unknown }).requestsPerMinute;
    admin.setRequestsPerMinute(n === null ? undefined : (n as number));
    sendJson(res, 200, { requestsPerMinute: state.controls.requestsPerMinute ?? null });
  });

  router.get('/:entity', (req, res) => sendJson(res, 200, admin.all(req.params.entity as CwEntity)));
  router.get('/:entity/:id', (req, res) => {
    const record = admin.get(req.params.entity as CwEntity, idOf(req.params.id));
    if (record) sendJson(res, 200, record);
    else sendJson(res, 404, { error: `No ${req.params.entity} record ${req.params.id}.` });
  });
  router.post('/:entity', (req, res) => {
    sendJson(res, 201, admin.create(req.params.entity as CwEntity, req.body as Record<string, unknown>));
  });
  router.patch('/:entity/:id', (req, res) => {
    const id = idOf(req.params.id);
    if (!admin.get(req.params.entity as CwEntity, id)) {
      return sendJson(res, 404, { error: `No ${req.params.entity} record ${req.params.id}.` });
    }
    sendJson(res, 200, admin.update(req.params.entity as CwEntity, id, req.body as Record<string, unknown>));
  });
  router.delete('/:entity/:id', (req, res) => {
    if (admin.remove(req.params.entity as CwEntity, idOf(req.params.id))) res.status(204).end();
    else sendJson(res, 404, { error: `No ${req.params.entity} record ${req.params.id}.` });
  });
  return router;
}
