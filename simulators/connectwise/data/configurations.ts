import type { CwRecord } from '../types.js';
import type { GenContext } from './context.js';
import { namePool, recordInfo } from './context.js';
import { addDays, isoDate } from './time.js';
import type { ConfigurationKind } from './vocab.js';
import { CONFIGURATION_STATUSES, CONFIGURATION_TYPES, MANUFACTURERS, MEMBERS } from './vocab.js';

const UPPER_ALNUM = 'ABCDEFGHJKLMNPQRSTUVWXYZ0123456789';
const HEX = '0123456789ABCDEF';
const STATUS_WEIGHTS = [
  [CONFIGURATION_STATUSES.active, 78],
  [CONFIGURATION_STATUSES.inactive, 12],
  [CONFIGURATION_STATUSES.onOrder, 3],
  [CONFIGURATION_STATUSES.retired, 7],
] as const;
const TYPE_WEIGHTS = CONFIGURATION_TYPES.map(
  (t) => [t, t.prefix === 'WS' || t.prefix === 'LT' ? 30 : 6] as const,
);

function mac(ctx: GenContext): string {
  const r = ctx.rng;
  return `${r.chars(HEX, 2)}:${r.chars(HEX, 2)}:${r.chars(HEX, 2)}:${r.chars(HEX, 2)}:${r.chars(HEX, 2)}:${r.chars(HEX, 2)}`;
}

function login(fullName: string): string {
  const [first = 'user', last = ''] = fullName.toLowerCase().replace(/[^a-z ]/g, '').split(' ');
  // A backslash in data keeps conditions and JSON escaping honest.
  return `CORP\\${first.charAt(0)}${last}`;
}

function computerFields(ctx: GenContext, kind: ConfigurationKind, record: CwRecord): void {
  const { rng } = ctx;
  record.osType = rng.pick(kind.os ?? []);
  record.osInfo = `Build ${rng.int(19041, 22631)}.${rng.int(100, 3500)}`;
  record.cpuSpeed = `${rng.pick(['2.40', '2.80', '3.10', '3.60'])} GHz`;
  record.ram = `${rng.pick([8, 16, 16, 32, 64])} GB`;
  record.localHardDrives = `C: ${rng.pick([256, 512, 1024])} GB SSD`;
}

/**
 * Devices spread over the given companies. Every configuration refers to an existing company; vendor
 * references point at companies typed Vendor when there are any. Fields are assigned one by one in the
 * schema's order (no object spreads): this runs 50,000 times in a benchmark.
 */
export function generateConfigurations(ctx: GenContext, companies: CwRecord[]): CwRecord[] {
  const { rng, refs } = ctx;
  const people = namePool(ctx, 200);
  const vendors = companies.filter((c) => c.isVendorFlag === true);
  const perCompany = new Map<number, number>();
  return ctx.ids.map((id) => {
    const company = rng.pick(companies);
    const companyId = company.id as number;
    const kind = rng.weighted(TYPE_WEIGHTS);
    const manufacturerName = rng.pick(Object.keys(kind.models));
    const manufacturer = MANUFACTURERS.find((m) => m.name === manufacturerName) ?? {
      id: 99,
      name: manufacturerName,
    };
    const model = rng.pick(kind.models[manufacturerName] ?? ['Generic']);
    const status = rng.weighted(STATUS_WEIGHTS);
    const seq = (perCompany.get(companyId) ?? 0) + 1;
    perCompany.set(companyId, seq);
    const info = recordInfo(ctx);
    const purchased = ctx.times.before(Date.parse(info.lastUpdated as string), 1500);
    const user = rng.pick(people);
    const isComputer = kind.os !== undefined;
    const site = { id: companyId * 10 + 1, name: 'Main' };

    const r: CwRecord = { id };
    r.name = `${String(company.identifier).slice(0, 6).toUpperCase()}-${kind.prefix}-${String(seq).padStart(4, '0')}`;
    r.type = refs.to('type', 'company/configurations/types', kind);
    r.status = refs.to('status', 'company/configurations/statuses', status);
    r.company = refs.company(company);
    if (isComputer && rng.chance(0.7)) {
      r.contact = refs.to('contact', 'company/contacts', { id: 1000 + people.indexOf(user), name: user });
    }
    r.site = refs.to('site', `company/companies/${companyId}/sites`, site);
    if (rng.chance(0.4)) r.deviceIdentifier = String(rng.int(1000, 99999));
    r.serialNumber = rng.chars(UPPER_ALNUM, manufacturerName === 'Apple' ? 12 : 10);
    r.modelNumber = model;
    if (rng.chance(0.6)) r.tagNumber = `AT-${rng.int(10000, 99999)}`;
    r.purchaseDate = isoDate(purchased);
    r.installationDate = isoDate(addDays(purchased, rng.int(1, 20)));
    r.installedBy = refs.member(rng.pick(MEMBERS));
    r.warrantyExpirationDate = isoDate(addDays(purchased, 365 * rng.pick([1, 3, 3, 5])));
    if (rng.chance(0.15)) r.notes = `Assigned to ${user}. Spare charger in IT closet.`;
    r.macAddress = mac(ctx);
    if (isComputer) r.lastLoginName = login(user);
    r.billFlag = rng.chance(0.2);
    r.ipAddress = `10.${rng.int(0, 40)}.${rng.int(0, 255)}.${rng.int(2, 254)}`;
    if (isComputer) computerFields(ctx, kind, r);
    else r.defaultGateway = `10.${rng.int(0, 40)}.0.1`;
    if (vendors.length > 0 && rng.chance(0.3)) r.vendor = refs.company(rng.pick(vendors));
    r.manufacturer = refs.to('manufacturer', 'procurement/manufacturers', manufacturer);
    r.activeFlag = status === CONFIGURATION_STATUSES.active || status === CONFIGURATION_STATUSES.onOrder;
    r.mobileGuid = rng.guid();
    r._info = info;
    r.displayVendorFlag = false;
    r.showRemoteFlag = false;
    r.showAutomateFlag = rng.chance(0.4);
    r.needsRenewalFlag = rng.chance(0.1);
    r.manufacturerPartNumber = `${manufacturerName.slice(0, 3).toUpperCase()}-${model.replace(/\W/g, '').slice(0, 12)}`;
    const leaseEnd: CwRecord = {
      id: 11,
      caption: 'Lease End',
      type: 'Date',
      entryMethod: 'Date',
      numberOfDecimals: 0,
    };
    if (rng.chance(0.25)) leaseEnd.value = isoDate(addDays(purchased, 365 * 3));
    leaseEnd.connectWiseId = 'a1c3e5f7-0011-4000-8000-000000000011';
    r.customFields = [leaseEnd];
    return r;
  });
}
