import type { CwRecord } from '../types.js';
import type { GenContext } from './context.js';
import { recordInfo } from './context.js';
import { addDays, isoDate } from './time.js';
import { AGREEMENT_TYPES, BILLING_CYCLES } from './vocab.js';

/** Agreements of existing companies; cancelled ones carry cancelledFlag, dateCancelled and a reason. */
export function generateAgreements(ctx: GenContext, companies: CwRecord[]): CwRecord[] {
  const { rng, refs } = ctx;
  return ctx.ids.map((id) => {
    const company = rng.pick(companies);
    const type = rng.pick(AGREEMENT_TYPES);
    const status = rng.weighted([
      ['Active', 70],
      ['Cancelled', 10],
      ['Expired', 15],
      ['Inactive', 5],
    ] as const);
    const info = recordInfo(ctx);
    const start = Date.parse(info.dateEntered as string);
    const open = status === 'Active' && rng.chance(0.4);
    const end = status === 'Expired' ? Date.parse(info.lastUpdated as string) : addDays(start, 365 * rng.int(1, 3));
    const limited = type.name === 'Block Time';
    return {
      id,
      name: `${String(company.name)} - ${type.name}`.slice(0, 100),
      type: refs.to('type', 'finance/agreements/types', type),
      company: refs.company(company),
      contact: refs.to('contact', 'company/contacts', { id: rng.int(1000, 9000), name: 'Primary Contact' }),
      ...(rng.chance(0.4) ? { customerPO: `PO-${rng.int(10000, 99999)}` } : {}),
      startDate: isoDate(start),
      ...(open ? {} : { endDate: isoDate(end) }),
      noEndingDateFlag: open,
      cancelledFlag: status === 'Cancelled',
      ...(status === 'Cancelled'
        ? { dateCancelled: isoDate(Date.parse(info.lastUpdated as string)), reasonCancelled: 'Client left' }
        : {}),
      agreementStatus: status,
      applicationUnits: limited ? 'Hours' : 'Amount',
      ...(limited ? { applicationLimit: rng.pick([10, 20, 40]) } : {}),
      applicationUnlimitedFlag: !limited,
      oneTimeFlag: false,
      coverAgreementTime: true,
      coverAgreementProduct: false,
      coverAgreementExpense: false,
      billingCycle: refs.to('billingCycle', 'finance/billingCycles', rng.pick(BILLING_CYCLES)),
      billAmount: rng.int(5, 200) * 25,
      taxable: rng.chance(0.3),
      billStartDate: isoDate(start),
      billTime: rng.pick(['Billable', 'NoCharge']),
      workOrder: `WO${rng.int(1000, 9999)}`,
      _info: info,
    };
  });
}
