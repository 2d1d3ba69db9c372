/**
 * Writing objects: create and update in batches of at most 200 (the documented limit), and patch one.
 *
 * Batches larger than 200 are refused, not split: if the client split them and the second call failed,
 * the first would already be written and the caller could not tell which. Callers split with
 * `splitIntoBatches` and record progress between batches (one activity per batch).
 */
import { z } from 'zod';
import { apError } from './errors.js';
import { groupPath } from './groups.js';
import { normaliseObject, type ApObject } from './normalise.js';
import type { Requester } from './requester.js';
import { checkFieldKeys, hasDateValue, toApiFields, type ApFieldInput } from './values.js';

export const MAX_BATCH = 200;

export function splitIntoBatches<T>(items: readonly T[], size = MAX_BATCH): T[][] {
  if (!Number.isSafeInteger(size) || size < 1) throw new RangeError(`batch size must be a positive integer`);
  const batches: T[][] = [];
  for (let i = 0; i < items.length; i += size) batches.push(items.slice(i, i + size));
  return batches;
}

export interface ObjectUpdate {
  id: string;
  fields: ApFieldInput;
}

/**
 * The batch-create answer is UNDOCUMENTED. When it carries one object with an id per input, `objects[i]`
 * is what was created from input i (we assume the API keeps the order; read the identifier back from
 * `fields` to be sure). Otherwise the ids must be looked up, e.g. with indexObjectsByField.
 */
export type CreateObjectsResult =
  { idsReturned: true; objects: ApObject[] } | { idsReturned: false; objects: ApObject[]; reason: string };

export interface UpdateObjectsResult {
  /** Whatever objects the API echoed (possibly none: the answer is UNDOCUMENTED). */
  objects: ApObject[];
}

/** Resolves the account date format; only consulted when a Date value is actually sent. */
export type DateFormatSource = () => Promise<string>;

interface WriteContext {
  http: Requester;
  dateFormat: DateFormatSource;
}

function refuseOversized(count: number, what: string): void {
  if (count > MAX_BATCH) {
    throw apError({
      kind: 'bad_request',
      retryable: false,
      message: `${what}: ${count} objects is more than Asset Panda's ${MAX_BATCH} per call; split with splitIntoBatches`,
    });
  }
}

async function formatFor(ctx: WriteContext, inputs: ApFieldInput[]): Promise<string | undefined> {
  return inputs.some(hasDateValue) ? ctx.dateFormat() : undefined;
}

function checkObjectId(id: string, where: string): void {
  if (typeof id !== 'string' || id.trim() === '') {
    throw apError({ kind: 'bad_request', retryable: false, message: `${where}: an object id is missing` });
  }
}

// Lenient: anything JSON is accepted, and the objects are dug out afterwards.
const anyBody = z.unknown();

/** Finds returned objects in the shapes seen for v2/v3: an array, `{objects}`, `{object}`, or one object. */
export function returnedObjects(body: unknown): unknown[] {
  if (Array.isArray(body)) return body;
  if (typeof body !== 'object' || body === null) return [];
  const record = body as Record<string, unknown>;
  if (Array.isArray(record.objects)) return record.objects;
  if (typeof record.object === 'object' && record.object !== null) return [record.object];
  if ('id' in record || '_id' in record) return [record];
  return [];
}

export async function createObjects(
  ctx: WriteContext,
  groupId: number,
  inputs: ApFieldInput[],
): Promise<CreateObjectsResult> {
  refuseOversized(inputs.length, 'createObjects');
  inputs.forEach((fields, i) => checkFieldKeys(fields, `createObjects #${i}`));
  const path = `${groupPath(groupId)}/objects`;
  if (inputs.length === 0) return { idsReturned: true, objects: [] };
  const format = await formatFor(ctx, inputs);
  const objects = inputs.map((fields) => toApiFields(fields, format));
  const body = await ctx.http.call(
    { method: 'POST', path, body: { objects }, batchSize: inputs.length },
    anyBody,
  );
  const raw = returnedObjects(body);
  const normalised = raw.map(normaliseObject);
  const withIds = normalised.filter((o): o is ApObject => o !== undefined);
  if (raw.length === inputs.length && withIds.length === inputs.length) {
    return { idsReturned: true, objects: withIds };
  }
  return {
    idsReturned: false,
    objects: withIds,
    reason: `Asset Panda answered ${inputs.length} creates with ${withIds.length} object ids; look the objects up by identifier`,
  };
}

export async function updateObjects(
  ctx: WriteContext,
  groupId: number,
  updates: ObjectUpdate[],
): Promise<UpdateObjectsResult> {
  refuseOversized(updates.length, 'updateObjects');
  const seen = new Set<string>();
  updates.forEach((u, i) => {
    checkObjectId(u.id, `updateObjects #${i}`);
    checkFieldKeys(u.fields, `updateObjects #${i}`);
    // Two updates of one object in one call: which wins is UNDOCUMENTED, so we do not send it.
    if (seen.has(u.id)) {
      throw apError({
        kind: 'bad_request',
        retryable: false,
        message: `updateObjects: object ${u.id} appears twice`,
      });
    }
    seen.add(u.id);
  });
  if (updates.length === 0) return { objects: [] };
  const format = await formatFor(
    ctx,
    updates.map((u) => u.fields),
  );
  const objects = updates.map((u) => ({ ...toApiFields(u.fields, format), id: u.id }));
  const body = await ctx.http.call(
    { method: 'PUT', path: `${groupPath(groupId)}/objects`, body: { objects }, batchSize: updates.length },
    anyBody,
  );
  return { objects: returnedObjects(body).flatMap((raw) => normaliseObject(raw) ?? []) };
}

/** Returns the object as the API echoed it, or undefined when it echoed nothing usable. */
export async function patchObject(
  ctx: WriteContext,
  groupId: number,
  id: string,
  fields: ApFieldInput,
): Promise<ApObject | undefined> {
  checkObjectId(id, 'patchObject');
  checkFieldKeys(fields, 'patchObject');
  const format = await formatFor(ctx, [fields]);
  const body = await ctx.http.call(
    {
      method: 'PATCH',
      path: `${groupPath(groupId)}/objects/${encodeURIComponent(id)}`,
      body: toApiFields(fields, format),
      batchSize: 1,
    },
    anyBody,
  );
  const [first] = returnedObjects(body);
  return first === undefined ? undefined : normaliseObject(first);
}
