/** The three GETs of every entity: the collection, `/count` and `/{id}`. */
import type { Request, RequestHandler } from 'express';
import { ApiError } from '../api-error.js';
import type { CwEntity } from '../types.js';
import { ConditionError } from '../conditions/errors.js';
import type { Predicate } from '../conditions/evaluator.js';
import { FilterParamError, compileFilters } from '../conditions/filters.js';
import { parseFields, project } from '../query/fields.js';
import { parseOrderBy } from '../query/order.js';
import { QueryParams } from '../query/params.js';
import { countMatching } from '../query/select.js';
import { ENTITIES } from '../schema/entities.js';
import type { SimulatorState } from '../state/simulator-state.js';
import { forwardOnly, isForwardOnly, navigable } from './paging.js';
import { sendJson } from './respond.js';

function queryOf(req: Request): QueryParams {
  const at = req.originalUrl.indexOf('?');
  return new QueryParams(at < 0 ? '' : req.originalUrl.slice(at + 1));
}

const FILTER_PARAMS = ['conditions', 'childConditions', 'customFieldConditions'] as const;

function filtersOf(entity: CwEntity, query: QueryParams): { predicate?: Predicate; key: string } {
  const texts = FILTER_PARAMS.map((p) => query.get(p));
  try {
    const predicate = compileFilters(entity, {
      conditions: texts[0],
      childConditions: texts[1],
      customFieldConditions: texts[2],
    });
    return { predicate, key: texts.map((t) => t ?? '').join('\u0000') };
  } catch (err) {
    if (err instanceof FilterParamError) {
      const code = err.problem instanceof ConditionError ? err.problem.code : 'InvalidObject';
      throw new ApiError(400, code, err.message, [
        { code, message: err.message, resource: ENTITIES[entity].path, field: err.param },
      ]);
    }
    throw err;
  }
}

export function listHandler(state: SimulatorState, entity: CwEntity): RequestHandler {
  return (req, res) => {
    const store = state.book.stores[entity];
    const query = queryOf(req);
    const filters = filtersOf(entity, query);
    const fields = parseFields(query.get('fields'));
    const records = isForwardOnly(req)
      ? forwardOnly(req, res, query, store, filters.predicate)
      : navigable(req, res, query, store, {
          predicate: filters.predicate,
          order: parseOrderBy(entity, query.get('orderBy')),
          cacheKey: `${filters.key}\u0000${query.get('orderBy') ?? ''}`,
        });
    sendJson(res, 200, fields ? records.map((r) => project(r, fields)) : records);
  };
}

export function countHandler(state: SimulatorState, entity: CwEntity): RequestHandler {
  return (req, res) => {
    const filters = filtersOf(entity, queryOf(req));
    const count = countMatching(state.book.stores[entity], {
      predicate: filters.predicate,
      cacheKey: `${filters.key}\u0000`,
    });
    sendJson(res, 200, { count });
  };
}

export function oneHandler(state: SimulatorState, entity: CwEntity): RequestHandler {
  return (req, res) => {
    const raw = String(req.params.id);
    const record = /^\d+$/.test(raw) ? state.book.stores[entity].get(Number(raw)) : undefined;
    if (!record) {
      throw new ApiError(404, 'NotFound', `${ENTITIES[entity].label} with id ${raw} was not found.`);
    }
    const fields = parseFields(queryOf(req).get('fields'));
    sendJson(res, 200, fields ? project(record, fields) : record);
  };
}
