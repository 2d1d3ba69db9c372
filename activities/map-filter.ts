/**
 * map/filter: reads a staged ConnectWise page, drops records that fail the filters ConnectWise could not
 * apply, maps the rest into Asset Panda field values and stages the result. Records the mapping cannot
 * convert are quarantined with the reason; the page goes on.
 */
import { heartbeat } from '@temporalio/activity';
import { mapRecord } from '../mapping/apply.js';
import { matchesFilters, planFilters } from '../mapping/filters.js';
import type { JsonRecord } from '../mapping/paths.js';
import type { Store } from '../store/index.js';
import type { MappedPage } from '../workflows/sync-types.js';
import { fatal } from './failures.js';
import { arrayFieldTest, asEntity } from './source-fields.js';
import { asRawPage, type MappedPageBody } from './staged-bodies.js';

export const mappedPageId = (runId: string, seq: number) => `${runId}/${seq}/mapped`;

export function makeMapFilter(deps: { store: Store }) {
  return async function mapFilter(input: {
    runId: string;
    integrationId: string;
    entity: string;
    rawPageId: string;
    dateFormat: string;
    seq: number;
  }): Promise<MappedPage> {
    heartbeat();
    const { store } = deps;
    const entity = asEntity(input.entity);
    const mapping = await store.mappings.get(input.integrationId, entity);
    if (!mapping) throw fatal('MappingInvalid', `the mapping for ${entity} was deleted during the run`);
    const raw = asRawPage(await store.staging.read(input.rawPageId));
    const { postFetch } = planFilters(mapping.spec.filters, arrayFieldTest(entity));
    const kept = raw.records.filter((r: JsonRecord) => matchesFilters(r, postFetch));
    const body: MappedPageBody = { records: [], failures: [] };
    for (const record of kept) {
      const result = mapRecord(mapping.spec, record, { dateFormat: input.dateFormat });
      if (result.ok) body.records.push(result.record);
      else body.failures.push(result.failure);
    }
    await store.quarantine.add(
      input.runId,
      input.integrationId,
      entity,
      body.failures.map((f) => ({
        cwId: f.cwId,
        uniqueValue: f.uniqueValue ?? null,
        stage: 'map',
        reason: f.reason,
      })),
    );
    const id = await store.staging.stage(
      input.runId,
      'mapped',
      body,
      body.records.length,
      mappedPageId(input.runId, input.seq),
    );
    return {
      mappedPageId: id,
      mapped: body.records.length,
      filteredOut: raw.records.length - kept.length,
      failed: body.failures.length,
    };
  };
}
