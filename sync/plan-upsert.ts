/**
 * Deciding, for one mapped page, what each record costs in Asset Panda: nothing (unchanged), an update
 * (possibly after an unarchive), or a create. Pure: every input comes from the store, so the decision is
 * easy to test and the same on every retry.
 */
import type { MappedRecord, MappingFailure } from '../mapping/apply.js';
import type { AdoptedObject, Identity } from '../store/identity-map.js';
import type { PageResult } from '../store/staging.js';

export interface PlannedUpdate {
  record: MappedRecord;
  apObjectId: string;
  unarchive: boolean;
  /** The hash Asset Panda's copy had, kept if the update fails. */
  previousHash: string | null;
}

export interface PlannedFailure {
  cwId: number;
  uniqueValue: string;
  reason: string;
  /** Set when the record already has an object: the failure must not make a full run archive it. */
  result: PageResult;
  /** Mapping failures were quarantined when mapped; only new failures are quarantined here. */
  quarantine: boolean;
}

export interface UpsertPlan {
  unchanged: PageResult[];
  updates: PlannedUpdate[];
  creates: MappedRecord[];
  failures: PlannedFailure[];
}

export interface PlanInput {
  groupId: number;
  records: readonly MappedRecord[];
  mappingFailures: readonly MappingFailure[];
  /** What an earlier attempt at this page already wrote. */
  done: ReadonlyMap<number, PageResult>;
  identities: ReadonlyMap<number, Identity>;
  adopted: ReadonlyMap<string, AdoptedObject>;
  /** Unique value → the ConnectWise id whose live object holds it. */
  owners: ReadonlyMap<string, number>;
}

export function planUpsert(input: PlanInput): UpsertPlan {
  const plan: UpsertPlan = { unchanged: [], updates: [], creates: [], failures: [] };
  const claimed = new Map<string, number>();
  const result = (
    cwId: number,
    uniqueValue: string,
    apObjectId: string | null,
    hash: string | null,
    outcome: PageResult['outcome'],
    archived = false,
  ): PageResult => ({
    cwId,
    groupId: input.groupId,
    apObjectId,
    uniqueValue,
    hash,
    outcome,
    archived,
  });

  for (const record of input.records) {
    if (input.done.has(record.cwId)) continue;
    const identity = input.identities.get(record.cwId);
    const claimedBy = claimed.get(record.uniqueValue);
    if (claimedBy !== undefined && claimedBy !== record.cwId) {
      plan.failures.push({
        cwId: record.cwId,
        uniqueValue: record.uniqueValue,
        reason: `unique identifier ${JSON.stringify(record.uniqueValue)} is also used by ConnectWise record ${claimedBy} in the same page`,
        result: result(
          record.cwId,
          record.uniqueValue,
          identity?.apObjectId ?? null,
          identity?.hash ?? null,
          'failed',
          identity?.archived,
        ),
        quarantine: true,
      });
      continue;
    }
    claimed.set(record.uniqueValue, record.cwId);

    if (identity && identity.groupId === input.groupId) {
      if (!identity.archived && identity.hash === record.hash)
        plan.unchanged.push(
          result(record.cwId, record.uniqueValue, identity.apObjectId, record.hash, 'unchanged'),
        );
      else
        plan.updates.push({
          record,
          apObjectId: identity.apObjectId,
          unarchive: identity.archived,
          previousHash: identity.hash,
        });
      continue;
    }
    const adopted = input.adopted.get(record.uniqueValue);
    if (adopted) {
      if (!adopted.archived && adopted.hash === record.hash)
        plan.unchanged.push(
          result(record.cwId, record.uniqueValue, adopted.apObjectId, record.hash, 'unchanged'),
        );
      else
        plan.updates.push({
          record,
          apObjectId: adopted.apObjectId,
          unarchive: adopted.archived,
          previousHash: adopted.hash,
        });
      continue;
    }
    const owner = input.owners.get(record.uniqueValue);
    if (owner !== undefined && owner !== record.cwId) {
      plan.failures.push({
        cwId: record.cwId,
        uniqueValue: record.uniqueValue,
        reason: `unique identifier ${JSON.stringify(record.uniqueValue)} already belongs to ConnectWise record ${owner}; two records cannot share one Asset Panda object`,
        result: result(record.cwId, record.uniqueValue, null, null, 'failed'),
        quarantine: true,
      });
      continue;
    }
    plan.creates.push(record);
  }

  for (const failure of input.mappingFailures) {
    if (input.done.has(failure.cwId) || failure.cwId < 0) continue;
    const identity = input.identities.get(failure.cwId);
    const uniqueValue = failure.uniqueValue ?? identity?.uniqueValue ?? '';
    plan.failures.push({
      cwId: failure.cwId,
      uniqueValue,
      reason: failure.reason,
      result: result(
        failure.cwId,
        uniqueValue,
        identity?.apObjectId ?? null,
        identity?.hash ?? null,
        'failed',
        identity?.archived,
      ),
      quarantine: false,
    });
  }
  return plan;
}
