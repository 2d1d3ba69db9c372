/**
 * After a create call whose answer was lost (a timeout, a dropped connection, a 5xx, a crash), the objects
 * may or may not exist. This looks them up by their unique identifier value before anything is created
 * again, so a retry never duplicates an object.
 */
import { fieldText, type ApObject, type AssetPandaClient } from '../connectors/assetpanda/index.js';

export interface PendingCreate {
  uniqueValue: string;
  /** When the create was sent, by Asset Panda's clock (see AssetPandaClient.serverNow). */
  createdAt: string;
}

/** Intents up to this count are looked up one by one; more are found by one time-window search. */
const ONE_BY_ONE_LIMIT = 3;
/** Intents older than this are looked up one by one: a time window reaching that far back is large. */
const WINDOW_MAX_AGE_MS = 15 * 60_000;
/** Margin for the one-second resolution of the Date header and the time a create takes. */
const CLOCK_MARGIN_MS = 10_000;
const SEARCH_LIMIT = 100;
const MAX_WINDOW_PAGES = 200;
/** Pages of near-matches read for one value; past that we cannot tell, and say so. */
const MAX_FILTER_PAGES = 200;

const valueOf = (object: ApObject, key: string): string => (fieldText(object.fields[key]) ?? '').trim();

async function oneByOne(
  ap: AssetPandaClient,
  groupId: number,
  key: string,
  values: readonly string[],
  found: Map<string, ApObject>,
  inconclusive: Set<string>,
): Promise<void> {
  for (const value of values) {
    // Match semantics of field_filters are undocumented (it may match parts of values, or be ignored):
    // compare exactly on our side and read on past pages of near-matches. Only an empty page ends the
    // search: a server that caps the page size makes every page look short.
    let exhausted = false;
    for (let page = 0, offset = 0; page < MAX_FILTER_PAGES && !found.has(value); page++) {
      const result = await ap.search(
        groupId,
        { fieldFilters: { [key]: value }, viewArchived: 'all' },
        { offset, limit: SEARCH_LIMIT },
      );
      const hit = result.objects.find((o) => valueOf(o, key) === value);
      if (hit) found.set(value, hit);
      if (result.objects.length === 0) {
        exhausted = true;
        break;
      }
      offset += result.objects.length;
    }
    if (!found.has(value) && !exhausted) inconclusive.add(value);
  }
}

/** What the lookups found, and the values they could not settle either way (see oneByOne). */
export interface FoundObjects {
  found: Map<string, ApObject>;
  /**
   * The search by these values returned more near-matches than we read: whether an object exists is not
   * known, so the caller must neither create one (a possible duplicate) nor assume one.
   */
  inconclusive: Set<string>;
}

export async function findCreatedObjects(
  ap: AssetPandaClient,
  groupId: number,
  uniqueKey: string,
  pending: readonly PendingCreate[],
  /** Now by Asset Panda's clock, the clock the intents' times were taken from. */
  now: number,
): Promise<FoundObjects> {
  const found = new Map<string, ApObject>();
  const inconclusive = new Set<string>();
  const answer = { found, inconclusive };
  if (pending.length === 0) return answer;
  const old = pending.filter((p) => now - Date.parse(p.createdAt) > WINDOW_MAX_AGE_MS);
  const recent = pending.filter((p) => now - Date.parse(p.createdAt) <= WINDOW_MAX_AGE_MS);
  await oneByOne(ap, groupId, uniqueKey, [...new Set(old.map((p) => p.uniqueValue))], found, inconclusive);
  const wanted = new Set(recent.map((p) => p.uniqueValue));
  if (wanted.size === 0) return answer;
  if (wanted.size <= ONE_BY_ONE_LIMIT) {
    await oneByOne(ap, groupId, uniqueKey, [...wanted], found, inconclusive);
    return answer;
  }
  const since = new Date(Math.min(...recent.map((p) => Date.parse(p.createdAt))) - CLOCK_MARGIN_MS);
  let complete = false;
  for (let page = 0, offset = 0; page < MAX_WINDOW_PAGES && [...wanted].some((v) => !found.has(v)); page++) {
    const result = await ap.search(
      groupId,
      { lastModified: { gte: since.toISOString() }, viewArchived: 'all' },
      { offset, limit: SEARCH_LIMIT },
    );
    for (const object of result.objects) {
      const value = valueOf(object, uniqueKey);
      if (wanted.has(value) && !found.has(value)) found.set(value, object);
    }
    if (result.objects.length === 0) {
      complete = true;
      break;
    }
    offset += result.objects.length;
  }
  // A window cut short by the page cap may have missed some: look those up one by one. A complete window
  // that did not find a value means that object was never created.
  if (!complete && [...wanted].some((v) => !found.has(v))) {
    const missing = [...wanted].filter((v) => !found.has(v));
    await oneByOne(ap, groupId, uniqueKey, missing, found, inconclusive);
  }
  return answer;
}
