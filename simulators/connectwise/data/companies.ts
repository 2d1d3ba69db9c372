import type { CwRecord } from '../types.js';
import type { GenContext } from './context.js';
import { recordInfo } from './context.js';
import { iso } from './time.js';
import { COMPANY_STATUSES, COMPANY_TYPES, COUNTRIES, MARKETS, MEMBERS, TERRITORIES, TIME_ZONES } from './vocab.js';

/** Names that exercise quoting and LIKE escaping in conditions: `'`, `"`, `%`, `[`, `&`. */
const AWKWARD_NAMES: Record<number, string> = {
  2: "O'Brien & Daughters, Inc.",
  5: '100% Uptime Partners',
  8: '[Legacy] Holdings "West"',
};

function identifierFrom(name: string, taken: Set<string>): string {
  const base = name.replace(/[^A-Za-z0-9]/g, '').slice(0, 20) || 'Company';
  let candidate = base;
  for (let n = 2; taken.has(candidate.toLowerCase()); n++) candidate = `${base}${n}`;
  taken.add(candidate.toLowerCase());
  return candidate;
}

/** Every tenth company (from the fourth) is a vendor, so devices and products always have vendors to name. */
function companyTypes(ctx: GenContext, index: number): { id: number; name: string }[] {
  if (index % 10 === 3) return [COMPANY_TYPES.vendor];
  const first = ctx.rng.weighted([
    [COMPANY_TYPES.client, 70],
    [COMPANY_TYPES.prospect, 12],
    [COMPANY_TYPES.vendor, 3],
    [COMPANY_TYPES.partner, 5],
    [COMPANY_TYPES.competitor, 3],
  ] as const);
  return first === COMPANY_TYPES.client && ctx.rng.chance(0.1) ? [first, COMPANY_TYPES.partner] : [first];
}

function customFields(ctx: GenContext): CwRecord[] {
  const tier = ctx.rng.chance(0.5) ? ctx.rng.pick(['Gold', 'Silver', 'Bronze']) : undefined;
  const onboarded = ctx.rng.chance(0.6);
  return [
    {
      id: 1,
      caption: 'Contract Tier',
      type: 'Text',
      entryMethod: 'List',
      numberOfDecimals: 0,
      ...(tier === undefined ? {} : { value: tier }),
      connectWiseId: 'a1c3e5f7-0001-4000-8000-000000000001',
    },
    {
      id: 2,
      caption: 'Onboarded',
      type: 'Checkbox',
      entryMethod: 'EntryField',
      numberOfDecimals: 0,
      value: onboarded,
      connectWiseId: 'a1c3e5f7-0002-4000-8000-000000000002',
    },
  ];
}

export function generateCompanies(ctx: GenContext): CwRecord[] {
  const { rng, faker, refs } = ctx;
  const taken = new Set<string>();
  return ctx.ids.map((id, index) => {
    const name = (AWKWARD_NAMES[index] ?? faker.company.name()).slice(0, 50);
    const types = companyTypes(ctx, index);
    const status = rng.weighted([
      [COMPANY_STATUSES.active, 85],
      [COMPANY_STATUSES.inactive, 8],
      [COMPANY_STATUSES.notApproved, 4],
      [COMPANY_STATUSES.creditHold, 3],
    ] as const);
    const country = rng.weighted([
      [COUNTRIES[0], 80],
      [COUNTRIES[1], 8],
      [COUNTRIES[2], 7],
      [COUNTRIES[3], 5],
    ] as const) as (typeof COUNTRIES)[number];
    const info = recordInfo(ctx, {
      contacts_href: `${refs.apiBase}/company/contacts?conditions=company/id=${id}`,
      sites_href: `${refs.apiBase}/company/companies/${id}/sites`,
    });
    const deleted = rng.chance(0.04);
    const domain = `${name.toLowerCase().replace(/[^a-z0-9]+/g, '').slice(0, 24) || 'example'}.com`;
    const record: CwRecord = {
      id,
      identifier: identifierFrom(name, taken),
      name,
      status: refs.to('status', 'company/companies/statuses', status),
      addressLine1: faker.location.streetAddress(),
      ...(rng.chance(0.25) ? { addressLine2: `Suite ${rng.int(100, 950)}` } : {}),
      city: faker.location.city(),
      state: faker.location.state({ abbreviated: true }),
      zip: faker.location.zipCode('#####'),
      country: { ...country, _info: { country_href: `${refs.apiBase}/company/countries/${country.id}` } },
      phoneNumber: String(rng.int(2012000000, 9899999999)),
      ...(rng.chance(0.3) ? { faxNumber: String(rng.int(2012000000, 9899999999)) } : {}),
      website: `www.${domain}`,
      territory: refs.to('location', 'system/locations', rng.pick(TERRITORIES)),
      market: refs.to('market', 'company/marketDescriptions', rng.pick(MARKETS)),
      accountNumber: `AC-${String(id).padStart(6, '0')}`,
      dateAcquired: iso(ctx.times.before(Date.parse(info.dateEntered as string), 30)),
      annualRevenue: rng.int(2, 500) * 50_000,
      numberOfEmployees: rng.int(3, 2500),
      timeZoneSetup: refs.to('timeZoneSetup', 'system/timeZoneSetups', rng.pick(TIME_ZONES)),
      leadFlag: types[0] === COMPANY_TYPES.prospect,
      unsubscribeFlag: false,
      taxCode: refs.to('taxCode', 'finance/taxCodes', { id: 1, name: 'Tax-State' }),
      billingTerms: refs.to('billingTerms', 'finance/billingTerms', { id: 1, name: 'Net 30 days' }),
      deletedFlag: deleted,
      ...(deleted ? { dateDeleted: info.lastUpdated, deletedBy: rng.pick(MEMBERS).identifier } : {}),
      mobileGuid: rng.guid(),
      isVendorFlag: types.includes(COMPANY_TYPES.vendor),
      types: types.map((t) => refs.to('type', 'company/companies/types', t)),
      site: refs.to('site', `company/companies/${id}/sites`, { id: id * 10 + 1, name: 'Main' }),
      _info: info,
      customFields: customFields(ctx),
    };
    return record;
  });
}
