/** The in-process admin surface; the HTTP admin routes call the same functions. */
import type { z } from 'zod';
import type { ConnectWiseSimulatorAdmin, CwEntity } from '../types.js';
import { CW_ENTITIES } from '../types.js';
import { faultRatesSchema, formatZodError, latencySchema, requestsPerMinuteSchema } from '../options.js';
import { AdminInputError } from './records.js';
import type { SimulatorState } from './simulator-state.js';

function checkEntity(entity: string): CwEntity {
  if (!(CW_ENTITIES as readonly string[]).includes(entity)) {
    throw new AdminInputError(`Unknown entity ${entity}; expected one of ${CW_ENTITIES.join(', ')}.`);
  }
  return entity as CwEntity;
}

function parse<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const result = schema.safeParse(value);
  if (!result.success) throw new AdminInputError(`${what}: ${formatZodError(result.error)}`);
  return result.data;
}

export function createAdmin(state: SimulatorState): ConnectWiseSimulatorAdmin {
  const { book, controls, stats } = state;
  return {
    create: (entity, record) => book.create(checkEntity(entity), record),
    update: (entity, id, patch) => book.update(checkEntity(entity), id, patch),
    remove: (entity, id) => book.remove(checkEntity(entity), id),
    get: (entity, id) => book.get(checkEntity(entity), id),
    all: (entity) => book.all(checkEntity(entity)),
    setFaults: (faults) => {
      controls.faults = parse(faultRatesSchema, faults, 'faults');
    },
    setLatency: (ms) => {
      controls.latencyMs = parse(latencySchema, ms, 'latency');
    },
    setRequestsPerMinute: (n) => {
      controls.requestsPerMinute = parse(requestsPerMinuteSchema, n, 'requestsPerMinute');
      state.requestWindow.clear();
    },
    stats: () => stats.snapshot(),
    resetStats: () => stats.reset(),
  };
}
