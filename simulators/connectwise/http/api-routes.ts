/**
 * Everything under `/{codebase}apis/3.0`: authentication first, then the five entities and
 * `/system/info`. The simulator only serves reads; other methods get 405 (change data through
 * the admin surface instead).
 */
import { Router } from 'express';
import { ApiError } from '../api-error.js';
import { CW_ENTITIES } from '../types.js';
import { ENTITIES } from '../schema/entities.js';
import type { SimulatorState } from '../state/simulator-state.js';
import { authenticate } from './auth.js';
import { countHandler, listHandler, oneHandler } from './collection.js';
import { sendJson } from './respond.js';

export function apiRouter(state: SimulatorState): Router {
  const router = Router({ caseSensitive: false });
  router.use(authenticate(state.config));

  router.get('/system/info', (_req, res) => {
    const { config } = state;
    sendJson(res, 200, {
      version: `v${config.version}.${config.build}`,
      isCloud: config.isCloud,
      serverTimeZone: 'Eastern Standard Time',
      licenseBits: [
        { name: 'ServiceDesk', activeFlag: true },
        { name: 'Procurement', activeFlag: true },
        { name: 'Agreements', activeFlag: true },
      ],
      ...(config.isCloud ? { cloudRegion: 'NA' } : {}),
      maxWorkFlowRecordsAllowed: 10_000,
    });
  });

  for (const entity of CW_ENTITIES) {
    const base = `/${ENTITIES[entity].path}`;
    router.get(`${base}/count`, countHandler(state, entity));
    router.get(`${base}/:id`, oneHandler(state, entity));
    router.get(base, listHandler(state, entity));
    router.all([base, `${base}/*rest`], (req, _res, next) => {
      if (req.method === 'GET' || req.method === 'HEAD') return next();
      throw new ApiError(
        405,
        'MethodNotAllowed',
        `The simulator serves ${ENTITIES[entity].path} read-only; change data through /__admin.`,
      );
    });
  }

  router.use((req, res) => {
    sendJson(res, 404, {
      code: 'NotFound',
      message: `No resource matches ${req.method} ${req.originalUrl.split('?')[0] ?? ''}.`,
    });
  });
  return router;
}
