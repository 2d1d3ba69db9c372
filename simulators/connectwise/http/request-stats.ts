/**
 * Tags each API request with the entity it addresses (for stats and the role check) and counts it once
 * it is answered. Faults that never answer count themselves (see faults.ts).
 */
import type { RequestHandler } from 'express';
import type { CwEntity } from '../types.js';
import { CW_ENTITIES } from '../types.js';
import { ENTITIES } from '../schema/entities.js';
import type { SimulatorState } from '../state/simulator-state.js';

export function entityOfPath(codebase: string, path: string): CwEntity | undefined {
  const prefix = `/${codebase}apis/3.0/`.toLowerCase();
  const lower = path.toLowerCase();
  if (!lower.startsWith(prefix)) return undefined;
  const rest = lower.slice(prefix.length);
  return CW_ENTITIES.find((e) => rest === ENTITIES[e].path || rest.startsWith(`${ENTITIES[e].path}/`));
}

export function countRequests(state: SimulatorState): RequestHandler {
  return (req, res, next) => {
    const entity = entityOfPath(state.config.codebase, req.path);
    res.locals.entity = entity;
    res.on('finish', () => state.stats.record(res.statusCode, entity));
    next();
  };
}
