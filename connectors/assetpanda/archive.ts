/**
 * Archive and unarchive. Archive needs a stop date in the account's date format (documented); unarchive's
 * v3 body is UNDOCUMENTED, so we send v2's `{object_ids}`. How many ids one call may carry is also
 * UNDOCUMENTED: we hold it to the 200 of create/update.
 */
import { z } from 'zod';
import { ConnectorError } from '../errors.js';
import { DEFAULT_DATE_FORMAT, formatAccountDate } from './dates.js';
import { apError } from './errors.js';
import { groupPath } from './groups.js';
import { MAX_BATCH, type DateFormatSource } from './objects.js';
import type { Requester } from './requester.js';

interface ArchiveContext {
  http: Requester;
  dateFormat: DateFormatSource;
}

function checkIds(ids: string[], what: string): void {
  if (ids.length > MAX_BATCH) {
    throw apError({
      kind: 'bad_request',
      retryable: false,
      message: `${what}: ${ids.length} ids is more than ${MAX_BATCH} per call; split with splitIntoBatches`,
    });
  }
  if (ids.some((id) => typeof id !== 'string' || id.trim() === '')) {
    throw apError({ kind: 'bad_request', retryable: false, message: `${what}: an object id is missing` });
  }
}

const anyBody = z.unknown();

/**
 * The account's format, or the vendor's example format when the account states one we cannot read: a
 * stop date is required, and a day in the example format is better than stopping every archive.
 */
async function stopDateFormat(ctx: ArchiveContext): Promise<string> {
  try {
    return await ctx.dateFormat();
  } catch (err) {
    if (err instanceof ConnectorError && err.kind === 'config') return DEFAULT_DATE_FORMAT;
    throw err;
  }
}

/** `stopDate` is a Date (its UTC day) or 'YYYY-MM-DD'; it is sent in the account's format. */
export async function archiveObjects(
  ctx: ArchiveContext,
  groupId: number,
  ids: string[],
  stopDate: Date | string,
): Promise<void> {
  checkIds(ids, 'archiveObjects');
  const path = `${groupPath(groupId)}/objects/archive`;
  if (ids.length === 0) return;
  const stop_date = formatAccountDate(stopDate, await stopDateFormat(ctx));
  await ctx.http.call(
    { method: 'POST', path, body: { object_ids: ids, stop_date }, batchSize: ids.length },
    anyBody,
  );
}

export async function unarchiveObjects(ctx: ArchiveContext, groupId: number, ids: string[]): Promise<void> {
  checkIds(ids, 'unarchiveObjects');
  const path = `${groupPath(groupId)}/objects/unarchive`;
  if (ids.length === 0) return;
  await ctx.http.call({ method: 'POST', path, body: { object_ids: ids }, batchSize: ids.length }, anyBody);
}
