/**
 * Builds every entity's records from the seed. Each entity draws from its own derived generator, so
 * the same seed gives the same records, and changing one entity's count leaves the others unchanged
 * (except that dependents pick among the companies there are).
 */
import type { CwEntity, CwRecord } from '../types.js';
import { ENTITIES } from '../schema/entities.js';
import { generateAgreements } from './agreements.js';
import { generateCatalog } from './catalog.js';
import { generateCompanies } from './companies.js';
import { generateConfigurations } from './configurations.js';
import { idSequence, makeContext } from './context.js';
import type { GenContext } from './context.js';
import { Rng } from './rng.js';
import { generateTickets } from './tickets.js';

export function generateData(
  seed: number,
  counts: Record<CwEntity, number>,
  apiBase: string,
): Record<CwEntity, CwRecord[]> {
  const context = (entity: CwEntity): GenContext => {
    const ids = idSequence(Rng.derive(seed, `ids:${entity}`), ENTITIES[entity].firstId, counts[entity]);
    return makeContext(seed, entity, apiBase, ids);
  };
  const companies = generateCompanies(context('companies'));
  // Configurations, tickets and agreements must refer to a company: without companies there are none.
  const owned = (make: () => CwRecord[]): CwRecord[] => (companies.length > 0 ? make() : []);
  return {
    companies,
    configurations: owned(() => generateConfigurations(context('configurations'), companies)),
    catalog: generateCatalog(context('catalog'), companies),
    tickets: owned(() => generateTickets(context('tickets'), companies)),
    agreements: owned(() => generateAgreements(context('agreements'), companies)),
  };
}
