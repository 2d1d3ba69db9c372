import type { CwRecord } from '../types.js';
import type { GenContext } from './context.js';
import { namePool, recordInfo } from './context.js';
import { addDays, iso } from './time.js';
import { BOARDS, MEMBERS, PRIORITIES, TICKET_SOURCES, TICKET_STATUSES, TICKET_SUMMARIES, TICKET_TYPES } from './vocab.js';

/** Service tickets of existing companies; closed ones carry closedDate and closedBy. */
export function generateTickets(ctx: GenContext, companies: CwRecord[]): CwRecord[] {
  const { rng, refs } = ctx;
  const people = namePool(ctx, 150);
  return ctx.ids.map((id) => {
    const company = rng.pick(companies);
    const contact = rng.pick(people);
    const status = rng.weighted(TICKET_STATUSES.map((s) => [s, s.closed ? 40 : 12] as const));
    const priority = rng.pick(PRIORITIES);
    const info = recordInfo(ctx);
    const entered = Date.parse(info.dateEntered as string);
    const owner = rng.pick(MEMBERS);
    const summary = rng.pick(TICKET_SUMMARIES).replace('%s', contact);
    const email = `${contact.toLowerCase().replace(/[^a-z]+/g, '.')}@${String(company.identifier).toLowerCase()}.com`;
    return {
      id,
      summary: summary.slice(0, 100),
      recordType: 'ServiceTicket',
      board: refs.to('board', 'service/boards', rng.pick(BOARDS)),
      status: refs.to('status', 'service/boards/1/statuses', status),
      company: refs.company(company),
      site: refs.to('site', `company/companies/${String(company.id)}/sites`, {
        id: (company.id as number) * 10 + 1,
        name: 'Main',
      }),
      contact: refs.to('contact', 'company/contacts', { id: rng.int(1000, 9000), name: contact }),
      contactName: contact,
      contactEmailAddress: email,
      type: refs.to('type', 'service/boards/1/types', rng.pick(TICKET_TYPES)),
      owner: refs.member(owner),
      priority: { ...refs.to('priority', 'service/priorities', priority), sort: priority.sort },
      source: refs.to('source', 'service/sources', rng.pick(TICKET_SOURCES)),
      severity: rng.pick(['Low', 'Medium', 'High']),
      impact: rng.pick(['Low', 'Medium', 'High']),
      budgetHours: rng.pick([0.5, 1, 2, 4]),
      actualHours: Math.round(rng.next() * 6 * 4) / 4,
      dateResponded: iso(entered + rng.int(5, 240) * 60_000),
      ...(rng.chance(0.3) ? { requiredDate: iso(addDays(entered, rng.int(1, 14))) } : {}),
      closedFlag: status.closed,
      ...(status.closed ? { closedDate: info.lastUpdated, closedBy: owner.identifier } : {}),
      approved: true,
      isInSla: rng.chance(0.85),
      customerUpdatedFlag: rng.chance(0.1),
      billTime: rng.pick(['Billable', 'DoNotBill', 'NoCharge', 'NoDefault']),
      hasChildTicket: false,
      _info: info,
    };
  });
}
