/** What every entity generator gets: its own seeded sources, the links' base and the record ids to use. */
import { Faker, base, en } from '@faker-js/faker';
import type { CwRecord } from '../types.js';
import { Refs } from './refs.js';
import { Rng } from './rng.js';
import { TimePool, iso } from './time.js';
import { MEMBERS } from './vocab.js';

export interface GenContext {
  rng: Rng;
  faker: Faker;
  refs: Refs;
  times: TimePool;
  ids: number[];
}

export function makeContext(seed: number, label: string, apiBase: string, ids: number[]): GenContext {
  const rng = Rng.derive(seed, label);
  const faker = new Faker({ locale: [en, base], seed: Rng.derive(seed, `faker:${label}`).int(1, 2 ** 31) });
  return { rng, faker, refs: new Refs(apiBase), times: new TimePool(rng, ids.length), ids };
}

/** Ids from `first`, mostly consecutive but with gaps, as deleted records leave them. */
export function idSequence(rng: Rng, first: number, count: number): number[] {
  const ids: number[] = [];
  let id = first;
  for (let i = 0; i < count; i++) {
    ids.push(id);
    id += rng.chance(0.08) ? rng.int(2, 5) : 1;
  }
  return ids;
}

/** The record's own `_info`; `lastUpdated` is drawn from the shared-seconds pool. */
export function recordInfo(ctx: GenContext, extra: Record<string, string> = {}): CwRecord {
  const lastUpdated = ctx.times.lastUpdated();
  const entered = ctx.times.before(lastUpdated, 400);
  return {
    lastUpdated: iso(lastUpdated),
    updatedBy: ctx.rng.pick(MEMBERS).identifier,
    dateEntered: iso(entered),
    enteredBy: ctx.rng.pick(MEMBERS).identifier,
    ...extra,
  };
}

/** Pools of faker words, made once per generator: per-record faker calls are too slow for 50k records. */
export function namePool(ctx: GenContext, size: number): string[] {
  return Array.from({ length: size }, () => ctx.faker.person.fullName());
}
