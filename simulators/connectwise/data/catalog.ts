import type { CwRecord } from '../types.js';
import type { GenContext } from './context.js';
import { recordInfo } from './context.js';
import { CATALOG_CATEGORIES, MANUFACTURERS, UNITS } from './vocab.js';

const WORDS = {
  Hardware: ['Laptop', 'Desktop', 'Dock', 'Monitor 27in', 'Switch 24-port', 'Access Point', 'UPS 1500VA'],
  Software: ['Microsoft 365 Business Premium', 'Endpoint Protection', 'Backup Agent', 'Email Security'],
  Services: ['Remote Support Hour', 'Onsite Labor', 'Project Engineering', 'After-hours Support'],
  Agreements: ['Managed Workstation', 'Managed Server', 'Managed Network Device'],
};

/** Product SKUs (the `identifier`) are unique; some items are inactive, as old SKUs are. */
export function generateCatalog(ctx: GenContext, companies: CwRecord[]): CwRecord[] {
  const { rng, refs } = ctx;
  const vendors = companies.filter((c) => c.isVendorFlag === true);
  const taken = new Set<string>();
  return ctx.ids.map((id) => {
    const group = rng.weighted(CATALOG_CATEGORIES.map((g) => [g, g.weight] as const));
    const word = rng.pick(WORDS[group.category.name]);
    const hardware = group.category.name === 'Hardware';
    // Services and agreements are our own products; software is mostly one publisher's.
    const manufacturer = hardware
      ? rng.pick(MANUFACTURERS)
      : group.category.name === 'Software'
        ? { id: 9, name: 'Microsoft' }
        : { id: 50, name: 'In-house' };
    let sku = `${manufacturer.name.slice(0, 3).toUpperCase()}-${word.replace(/[^A-Za-z0-9]/g, '').slice(0, 8).toUpperCase()}-${rng.int(10, 999)}`;
    while (taken.has(sku)) sku = `${sku}X`;
    taken.add(sku);
    const cost = hardware ? rng.money(40, 2400) : rng.money(5, 180);
    const recurring = group.productClass === 'Agreement' || (group.category.name === 'Software' && rng.chance(0.6));
    const info = recordInfo(ctx);
    return {
      id,
      identifier: sku,
      description: `${manufacturer.name} ${word}`.slice(0, 60),
      inactiveFlag: rng.chance(0.08),
      subcategory: refs.to('subcategory', 'procurement/subcategories', rng.pick(group.subcategories)),
      type: refs.to('type', 'procurement/types', rng.pick(group.types)),
      productClass: group.productClass,
      serializedFlag: hardware,
      serializedCostFlag: false,
      phaseProductFlag: false,
      unitOfMeasure: refs.to(
        'unitOfMeasure',
        'procurement/unitOfMeasures',
        group.category.name === 'Services' ? UNITS.hour : recurring ? UNITS.month : UNITS.each,
      ),
      ...(hardware ? { minStockLevel: rng.int(0, 5) } : {}),
      price: Math.round(cost * (1.15 + rng.next() * 0.4) * 100) / 100,
      cost,
      taxableFlag: hardware,
      dropShipFlag: hardware && rng.chance(0.3),
      specialOrderFlag: false,
      customerDescription: `${manufacturer.name} ${word}${hardware ? ' with standard warranty' : ''}`,
      manufacturer: refs.to('manufacturer', 'procurement/manufacturers', manufacturer),
      manufacturerPartNumber: rng.chars('ABCDEFGHJKLMNPQRSTUVWXYZ0123456789', 8),
      ...(vendors.length > 0 ? { vendor: refs.company(rng.pick(vendors)) } : {}),
      vendorSku: `V${rng.int(100000, 999999)}`,
      recurringFlag: recurring,
      ...(recurring
        ? {
            recurringRevenue: Math.round(cost * 1.3 * 100) / 100,
            recurringCost: cost,
            recurringOneTimeFlag: false,
            recurringBillCycle: refs.to('billingCycle', 'finance/billingCycles', { id: 1, name: 'Monthly' }),
            recurringCycleType: 'ContractYear',
          }
        : {}),
      dateEntered: info.dateEntered,
      calculatedPriceFlag: false,
      calculatedCostFlag: false,
      category: refs.to('category', 'procurement/categories', group.category),
      _info: info,
    };
  });
}
