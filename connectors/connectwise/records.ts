/**
 * Response bodies checked before use: lists of records, single records and counts. Only what paging and
 * upserts depend on is strict (see schemas.ts): a record that is not an object, or whose `id` or `_info` is
 * unreadable, fails the page with the record's id and the fields at fault, never their values (records hold
 * personal data). Any other field of an unexpected type is handed on as it came.
 */
import { z } from 'zod';
import type { EntityDefinition } from './entities.js';
import { cwError } from './errors.js';
import type { ConnectWiseRecord } from './schemas.js';

const countSchema = z.looseObject({ count: z.number().int().nonnegative() });

export function validateCount(definition: EntityDefinition, body: unknown, request: string): number {
  const parsed = countSchema.safeParse(body);
  if (!parsed.success) {
    throw cwError('invalid_response', `ConnectWise answered the ${definition.label} count without a count.`, {
      request,
    });
  }
  return parsed.data.count;
}

export function validateRecords(
  definition: EntityDefinition,
  body: unknown,
  request: string,
): ConnectWiseRecord[] {
  if (!Array.isArray(body)) {
    throw cwError('invalid_response', `ConnectWise answered ${request} with something else than a list.`, {
      request,
    });
  }
  return body.map((item, index) => validateRecord(definition, item, request, index));
}

export function validateRecord(
  definition: EntityDefinition,
  item: unknown,
  request: string,
  index?: number,
): ConnectWiseRecord {
  const parsed = definition.schema.safeParse(item);
  if (parsed.success) return parsed.data;
  const id =
    typeof item === 'object' && item !== null && 'id' in item
      ? String((item as { id: unknown }).id)
      : 'unknown';
  // Paths and expectations only: record values may be personal data and do not belong in an error.
  const issues = parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('/') || 'record'}: ${i.message}`);
  throw cwError(
    'invalid_response',
    `A ${definition.label} record (id ${id}${index === undefined ? '' : `, position ${index}`}) has an id or _info that cannot be read: ${issues.join('; ')}.`,
    { request, details: { id, index, issues } },
  );
}
