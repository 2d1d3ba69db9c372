/**
 * The bodies of staged pages. They are written by our own activities, so reading them back checks their
 * outline only: validating every record again (as the connectors do at the API's edge) would copy each
 * page once more for nothing, and pages are the service's largest objects.
 */
import type { MappedRecord, MappingFailure } from '../mapping/apply.js';
import type { JsonRecord } from '../mapping/paths.js';

export interface RawPageBody {
  records: JsonRecord[];
}

export interface MappedPageBody {
  records: MappedRecord[];
  failures: MappingFailure[];
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function malformed(what: string): Error {
  return new Error(`a staged ${what} page in the store is malformed (was the store edited by hand?)`);
}

export function asRawPage(body: unknown): RawPageBody {
  if (!isObject(body) || !Array.isArray(body.records) || !body.records.every(isObject))
    throw malformed('ConnectWise');
  return body as unknown as RawPageBody;
}

export function asMappedPage(body: unknown): MappedPageBody {
  if (!isObject(body) || !Array.isArray(body.records) || !Array.isArray(body.failures))
    throw malformed('mapped');
  for (const r of body.records)
    if (
      !isObject(r) ||
      typeof r.cwId !== 'number' ||
      typeof r.uniqueValue !== 'string' ||
      typeof r.hash !== 'string' ||
      !isObject(r.values)
    )
      throw malformed('mapped');
  return body as unknown as MappedPageBody;
}
