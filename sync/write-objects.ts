/**
 * Writing one page's planned changes to Asset Panda in batches of at most 200, so that:
 *  - every call's outcome is stored before the next call (a retry repeats nothing that succeeded);
 *  - a create is announced (create intent) before it is sent, and a create whose answer was lost is
 *    looked up before anything is sent again (no duplicates);
 *  - a batch rejected for one bad object is narrowed down to that object (by the API's per-object errors
 *    when it gives them, else by halving), which is quarantined while the rest is written.
 * Retryable errors (429, 5xx, timeouts) are thrown for Temporal to retry the whole activity.
 */
import {
  AssetPandaValidationError,
  MAX_BATCH,
  fieldText,
  type ApObject,
  type AssetPandaClient,
} from '../connectors/assetpanda/index.js';
import { ConnectorError, type ConnectorErrorKind } from '../connectors/errors.js';
import type { MappedRecord } from '../mapping/apply.js';
import type { Store } from '../store/index.js';
import type { PageResult } from '../store/staging.js';
import { findCreatedObjects } from './find-created.js';
import type { PlannedUpdate } from './plan-upsert.js';

export interface WriteContext {
  ap: AssetPandaClient;
  store: Store;
  runId: string;
  integrationId: string;
  entity: string;
  groupId: number;
  uniqueKey: string;
  /** Where this page's results are kept (the mapped page id). */
  pageId: string;
  /**
   * Called before every write: heartbeats, and throws once this attempt has been cancelled or timed out,
   * so an attempt Temporal gave up on cannot keep writing beside the one that replaced it.
   */
  beforeWrite: () => void;
}

function batches<T>(items: readonly T[], size = MAX_BATCH): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

const result = (
  ctx: WriteContext,
  record: MappedRecord,
  apObjectId: string | null,
  hash: string | null,
  outcome: PageResult['outcome'],
): PageResult => ({
  cwId: record.cwId,
  groupId: ctx.groupId,
  apObjectId,
  uniqueValue: record.uniqueValue,
  hash,
  outcome,
  archived: false,
});

function problemText(err: AssetPandaValidationError, index: number): string | undefined {
  const problems = err.records.find((r) => r.index === index);
  if (!problems) return undefined;
  return problems.fields.map((f) => `${f.field}: ${f.messages.join('; ')}`).join(' | ');
}

async function quarantine(
  ctx: WriteContext,
  record: MappedRecord,
  reason: string,
  details?: unknown,
): Promise<void> {
  await ctx.store.quarantine.add(ctx.runId, ctx.integrationId, ctx.entity, [
    {
      cwId: record.cwId,
      uniqueValue: record.uniqueValue,
      stage: 'upsert',
      reason,
      ...(details === undefined ? {} : { details }),
    },
  ]);
}

/**
 * Sends `items` in one call; on a validation error splits them into the ones the API blamed and the rest
 * (or halves, when it blamed none in particular) and goes on with each part.
 */
export async function narrowDown<T>(
  items: T[],
  send: (items: T[]) => Promise<void>,
  rejectOne: (item: T, reason: string) => Promise<void>,
  /** Other errors that may be caused by one item of the batch (a 404 for an update of a deleted object). */
  itemProblem: (err: unknown) => err is ConnectorError = (_err): _err is ConnectorError => false,
): Promise<void> {
  if (items.length === 0) return;
  try {
    await send(items);
  } catch (err) {
    if (!(err instanceof AssetPandaValidationError)) {
      if (!itemProblem(err)) throw err;
      if (items.length === 1) await rejectOne(items[0] as T, err.message);
      else {
        const half = Math.ceil(items.length / 2);
        await narrowDown(items.slice(0, half), send, rejectOne, itemProblem);
        await narrowDown(items.slice(half), send, rejectOne, itemProblem);
      }
      return;
    }
    if (items.length === 1) {
      await rejectOne(items[0] as T, problemText(err, 0) ?? err.message);
      return;
    }
    if (err.attributed && err.records.length > 0) {
      // The batch shape of a 422 is undocumented, so an error list that lines up with the batch may still
      // not be about the objects at those places: each blamed object is sent again on its own, and only a
      // refusal of that object alone quarantines it.
      const blamed = new Set(err.records.map((r) => r.index));
      for (const [i, item] of items.entries())
        if (blamed.has(i)) await narrowDown([item], send, rejectOne, itemProblem);
      await narrowDown(
        items.filter((_, i) => !blamed.has(i)),
        send,
        rejectOne,
        itemProblem,
      );
      return;
    }
    const half = Math.ceil(items.length / 2);
    await narrowDown(items.slice(0, half), send, rejectOne, itemProblem);
    await narrowDown(items.slice(half), send, rejectOne, itemProblem);
  }
}

async function objectExists(ctx: WriteContext, id: string): Promise<boolean> {
  const page = await ctx.ap.search(ctx.groupId, { ids: [id], viewArchived: 'all' }, { offset: 0, limit: 10 });
  return page.objects.some((o) => o.id === id);
}

/** Failures after which a create is known not to have happened (unlike timeouts, resets and 5xx). */
const NOT_APPLIED = new Set<ConnectorErrorKind>([
  'budget_exhausted',
  'rate_limited',
  'unauthorized',
  'forbidden',
  'bad_request',
  'config',
]);

const notFound = (err: unknown): err is ConnectorError =>
  err instanceof ConnectorError && err.kind === 'not_found';

/**
 * Unarchives the objects of records that came back. Returns the updates that can go ahead; an object
 * that no longer exists is created again (added to `recreate`), one Asset Panda refuses is quarantined.
 */
async function unarchive(
  ctx: WriteContext,
  updates: PlannedUpdate[],
  recreate: MappedRecord[],
): Promise<PlannedUpdate[]> {
  const blocked = new Set<PlannedUpdate>();
  await narrowDown(
    updates.filter((u) => u.unarchive),
    async (items) => {
      ctx.beforeWrite();
      await ctx.ap.unarchiveObjects(
        ctx.groupId,
        items.map((u) => u.apObjectId),
      );
    },
    async (u, reason) => {
      blocked.add(u);
      if (!(await objectExists(ctx, u.apObjectId))) {
        recreate.push(u.record);
        return;
      }
      await quarantine(ctx, u.record, `unarchive refused by Asset Panda: ${reason}`, {
        apObjectId: u.apObjectId,
      });
      await ctx.store.staging.writeResults(ctx.pageId, ctx.integrationId, ctx.entity, [
        { ...result(ctx, u.record, u.apObjectId, u.previousHash, 'failed'), archived: true },
      ]);
    },
    notFound,
  );
  return updates.filter((u) => !blocked.has(u));
}

/** Updates, in batches; returns the records whose object turned out to be gone, to be created again. */
export async function writeUpdates(
  ctx: WriteContext,
  updates: readonly PlannedUpdate[],
): Promise<MappedRecord[]> {
  const recreate: MappedRecord[] = [];
  for (const batch of batches(updates)) {
    const ready = await unarchive(ctx, batch, recreate);
    await narrowDown(
      ready,
      async (items) => {
        ctx.beforeWrite();
        await ctx.ap.updateObjects(
          ctx.groupId,
          items.map((u) => ({ id: u.apObjectId, fields: u.record.values })),
        );
        await ctx.store.staging.writeResults(
          ctx.pageId,
          ctx.integrationId,
          ctx.entity,
          items.map((u) => result(ctx, u.record, u.apObjectId, u.record.hash, 'updated')),
        );
      },
      async (u, reason) => {
        // An object deleted in Asset Panda behind our back: create it again rather than fail forever.
        if (!(await objectExists(ctx, u.apObjectId))) {
          recreate.push(u.record);
          return;
        }
        await quarantine(ctx, u.record, `update rejected by Asset Panda: ${reason}`, {
          apObjectId: u.apObjectId,
        });
        await ctx.store.staging.writeResults(ctx.pageId, ctx.integrationId, ctx.entity, [
          result(ctx, u.record, u.apObjectId, u.previousHash, 'failed'),
        ]);
      },
      notFound,
    );
  }
  return recreate;
}

/** Matches the objects a create call returned to the records sent, by unique value, else by position. */
function matchCreated(
  ctx: WriteContext,
  records: readonly MappedRecord[],
  objects: readonly ApObject[],
): Map<number, ApObject> {
  const byValue = new Map<string, ApObject>();
  for (const o of objects) {
    const v = (fieldText(o.fields[ctx.uniqueKey]) ?? '').trim();
    if (v !== '') byValue.set(v, o);
  }
  const out = new Map<number, ApObject>();
  records.forEach((record, i) => {
    const hit =
      byValue.get(record.uniqueValue) ??
      (objects.length === records.length && byValue.size === 0 ? objects[i] : undefined);
    if (hit) out.set(record.cwId, hit);
  });
  return out;
}

/** Objects an earlier, interrupted attempt may have created for these records; returns the others. */
async function recoverInterrupted(
  ctx: WriteContext,
  records: readonly MappedRecord[],
): Promise<MappedRecord[]> {
  const intents = new Map(
    (await ctx.store.identity.intents(ctx.integrationId, ctx.entity)).map((i) => [i.cwId, i]),
  );
  const pending = records.filter((r) => intents.has(r.cwId));
  if (pending.length === 0) return [...records];
  // Look for the value the interrupted create sent, which may differ from the record's value today.
  const sentValue = (r: MappedRecord) => intents.get(r.cwId)?.uniqueValue ?? r.uniqueValue;
  const found = await findCreatedObjects(
    ctx.ap,
    ctx.groupId,
    ctx.uniqueKey,
    pending.map((r) => ({
      uniqueValue: sentValue(r),
      createdAt: intents.get(r.cwId)?.createdAt ?? ctx.ap.serverNow().toISOString(),
    })),
    ctx.ap.serverNow().getTime(),
  );
  // An object with the value is not necessarily ours: it may be one a person made, or one an archived
  // record still points to. Treat it the way takeOver does: a live owner keeps it (the record goes back to
  // be created, and a unique rule's refusal quarantines it); an archived owner lets go of it; an archived
  // object is unarchived, since the record it now stands for is live.
  const settled = new Set<number>();
  const taken: Array<{ record: MappedRecord; object: ApObject }> = [];
  for (const r of pending) {
    const value = sentValue(r);
    if (found.inconclusive.has(value)) {
      // Whether the interrupted create made an object is not known: neither create again (a possible
      // duplicate) nor assume one. The intent stays, so the next run asks again.
      await quarantine(
        ctx,
        r,
        `could not tell whether an object with ${ctx.uniqueKey} ${JSON.stringify(value)} exists (Asset Panda's search by that value returned too many near-matches); not created again, to avoid a duplicate`,
      );
      await ctx.store.staging.writeResults(ctx.pageId, ctx.integrationId, ctx.entity, [
        result(ctx, r, null, null, 'failed'),
      ]);
      settled.add(r.cwId);
      continue;
    }
    const object = found.found.get(value);
    if (!object) continue;
    const owner = await ctx.store.identity.ownerOfObject(ctx.integrationId, ctx.entity, object.id);
    if (owner && owner.cwId !== r.cwId) {
      if (!owner.archived) continue;
      await ctx.store.identity.forget(ctx.integrationId, ctx.entity, [owner.cwId]);
    }
    taken.push({ record: r, object });
  }
  // A found object holds what the interrupted attempt sent, or someone else's values: make it live and
  // write the record's values where they differ, so the object is right when the run ends.
  const refused = await repairTaken(ctx, taken);
  for (const { record, object } of taken) {
    settled.add(record.cwId);
    const reason = refused.get(record.cwId);
    if (reason !== undefined) {
      await quarantine(ctx, record, reason, { apObjectId: object.id });
      await ctx.store.staging.writeResults(ctx.pageId, ctx.integrationId, ctx.entity, [
        result(ctx, record, object.id, null, 'failed'),
      ]);
    }
  }
  await ctx.store.staging.writeResults(
    ctx.pageId,
    ctx.integrationId,
    ctx.entity,
    taken
      .filter(({ record }) => !refused.has(record.cwId))
      .map(({ record, object }) => result(ctx, record, object.id, record.hash, 'created')),
  );
  await ctx.store.identity.clearIntents(
    ctx.integrationId,
    ctx.entity,
    pending
      .filter((r) => !found.inconclusive.has(sentValue(r)))
      .filter((r) => !settled.has(r.cwId) || refused.has(r.cwId))
      .map((r) => r.cwId),
  );
  return records.filter((r) => !settled.has(r.cwId));
}

/**
 * Unarchives and updates objects found for records, in one call each where possible. A refusal is kept to
 * the records it is about (one at a time after a refused batch) and returned as reasons by record; it never
 * reaches the caller as if the create had been refused.
 */
async function repairTaken(
  ctx: WriteContext,
  taken: ReadonlyArray<{ record: MappedRecord; object: ApObject }>,
): Promise<Map<number, string>> {
  const refused = new Map<number, string>();
  const archived = taken.filter(({ object }) => object.archived);
  const stale = taken.filter(({ record, object }) =>
    Object.entries(record.values).some(([key, value]) => (fieldText(object.fields[key]) ?? '') !== value),
  );
  const attempt = async (
    items: ReadonlyArray<{ record: MappedRecord; object: ApObject }>,
    send: (ids: Array<{ record: MappedRecord; object: ApObject }>) => Promise<unknown>,
    what: string,
  ) => {
    const open = items.filter(({ record }) => !refused.has(record.cwId));
    if (open.length === 0) return;
    try {
      ctx.beforeWrite();
      await send(open);
    } catch (err) {
      if (!(err instanceof AssetPandaValidationError)) throw err;
      for (const item of open) {
        try {
          ctx.beforeWrite();
          await send([item]);
        } catch (one) {
          if (!(one instanceof AssetPandaValidationError)) throw one;
          refused.set(
            item.record.cwId,
            `the ${what} of the existing object ${item.object.id} was refused by Asset Panda: ${problemText(one, 0) ?? one.message}`,
          );
        }
      }
    }
  };
  await attempt(
    archived,
    (items) =>
      ctx.ap.unarchiveObjects(
        ctx.groupId,
        items.map(({ object }) => object.id),
      ),
    'unarchiving',
  );
  await attempt(
    stale,
    (items) =>
      ctx.ap.updateObjects(
        ctx.groupId,
        items.map(({ record, object }) => ({ id: object.id, fields: record.values })),
      ),
    'update',
  );
  return refused;
}

export async function writeCreates(ctx: WriteContext, creates: readonly MappedRecord[]): Promise<void> {
  /** One create call, after making sure no earlier attempt already created these objects. */
  async function createOnce(items: MappedRecord[]): Promise<void> {
    const rest = await recoverInterrupted(ctx, items);
    if (rest.length === 0) return;
    ctx.beforeWrite();
    await ctx.store.identity.recordIntents(
      ctx.integrationId,
      ctx.entity,
      ctx.runId,
      rest.map((r) => ({ cwId: r.cwId, uniqueValue: r.uniqueValue })),
      ctx.ap.serverNow().toISOString(),
    );
    let response;
    try {
      response = await ctx.ap.createObjects(
        ctx.groupId,
        rest.map((r) => r.values),
      );
    } catch (err) {
      // A call that was never sent (our budget) or that Asset Panda refused before doing anything
      // (throttled, unauthorised, malformed) created nothing: no need to look for its objects later.
      if (err instanceof ConnectorError && NOT_APPLIED.has(err.kind))
        await ctx.store.identity.clearIntents(
          ctx.integrationId,
          ctx.entity,
          rest.map((r) => r.cwId),
        );
      throw err;
    }
    const answered = matchCreated(ctx, rest, response.objects);
    await ctx.store.staging.writeResults(
      ctx.pageId,
      ctx.integrationId,
      ctx.entity,
      rest.flatMap((r) => {
        const object = answered.get(r.cwId);
        return object ? [result(ctx, r, object.id, r.hash, 'created')] : [];
      }),
    );
    // The answer did not say which object is which: find them by their identifier.
    const unmatched = rest.filter((r) => !answered.has(r.cwId));
    if (unmatched.length > 0) await recoverInterrupted(ctx, unmatched);
  }

  async function fail(record: MappedRecord, reason: string, apObjectId: string | null = null): Promise<void> {
    await quarantine(ctx, record, reason, apObjectId ? { apObjectId } : undefined);
    await ctx.store.staging.writeResults(ctx.pageId, ctx.integrationId, ctx.entity, [
      result(ctx, record, apObjectId, null, 'failed'),
    ]);
    await ctx.store.identity.clearIntents(ctx.integrationId, ctx.entity, [record.cwId]);
  }

  /**
   * A unique rule says an object with this identifier exists already (made by a person, left by an
   * attempt whose answer was lost, or archived after its record was deleted): take it over, unless a
   * record that is still live owns it.
   */
  async function takeOver(record: MappedRecord, reason: string): Promise<boolean> {
    const found = await findCreatedObjects(
      ctx.ap,
      ctx.groupId,
      ctx.uniqueKey,
      [{ uniqueValue: record.uniqueValue, createdAt: ctx.ap.serverNow().toISOString() }],
      ctx.ap.serverNow().getTime(),
    );
    // Not found, or not knowable (too many near-matches): the refusal stands and the record is quarantined.
    const existing = found.found.get(record.uniqueValue);
    if (!existing) return false;
    const owner = await ctx.store.identity.ownerOfObject(ctx.integrationId, ctx.entity, existing.id);
    if (owner && owner.cwId !== record.cwId && !owner.archived) {
      await fail(
        record,
        `create rejected by Asset Panda (${reason}); the object with this identifier belongs to ConnectWise record ${owner.cwId}`,
        existing.id,
      );
      return true;
    }
    if (owner && owner.cwId !== record.cwId)
      await ctx.store.identity.forget(ctx.integrationId, ctx.entity, [owner.cwId]);
    try {
      ctx.beforeWrite();
      if (existing.archived) await ctx.ap.unarchiveObjects(ctx.groupId, [existing.id]);
      await ctx.ap.updateObjects(ctx.groupId, [{ id: existing.id, fields: record.values }]);
    } catch (err) {
      if (!(err instanceof AssetPandaValidationError)) throw err;
      await fail(
        record,
        `update of the existing object rejected by Asset Panda: ${problemText(err, 0) ?? err.message}`,
        existing.id,
      );
      return true;
    }
    await ctx.store.staging.writeResults(ctx.pageId, ctx.integrationId, ctx.entity, [
      result(ctx, record, existing.id, record.hash, 'updated'),
    ]);
    await ctx.store.identity.clearIntents(ctx.integrationId, ctx.entity, [record.cwId]);
    return true;
  }

  async function rejectCreate(record: MappedRecord, reason: string): Promise<void> {
    if (/unique/i.test(reason) && (await takeOver(record, reason))) return;
    await fail(record, `create rejected by Asset Panda: ${reason}`);
  }

  for (const batch of batches(creates)) await narrowDown(batch, createOnce, rejectCreate);
}
