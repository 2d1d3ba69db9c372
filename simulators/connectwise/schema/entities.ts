import type { CwEntity } from '../types.js';

export interface EntityDef {
  /** Path under `apis/3.0/`. */
  path: string;
  /** How error messages name one record. */
  label: string;
  /** Key of the `_info` link when another record refers to this one, e.g. `company_href`. */
  hrefKey: string;
  /** Ids start here so that ids of different entities rarely coincide and a mixed-up id shows. */
  firstId: number;
  /** Boolean flags the real server never leaves empty; admin.create fills the missing ones. */
  defaults: Record<string, unknown>;
}

export const ENTITIES: Record<CwEntity, EntityDef> = {
  companies: {
    path: 'company/companies',
    label: 'Company',
    hrefKey: 'company_href',
    firstId: 250,
    defaults: { deletedFlag: false, leadFlag: false, unsubscribeFlag: false, isVendorFlag: false },
  },
  configurations: {
    path: 'company/configurations',
    label: 'Configuration',
    hrefKey: 'configuration_href',
    firstId: 10_001,
    defaults: { activeFlag: true, billFlag: false, needsRenewalFlag: false },
  },
  catalog: {
    path: 'procurement/catalog',
    label: 'Catalog item',
    hrefKey: 'catalog_href',
    firstId: 700,
    defaults: { inactiveFlag: false, taxableFlag: true, serializedFlag: false },
  },
  tickets: {
    path: 'service/tickets',
    label: 'Ticket',
    hrefKey: 'ticket_href',
    firstId: 184_001,
    defaults: { closedFlag: false, recordType: 'ServiceTicket' },
  },
  agreements: {
    path: 'finance/agreements',
    label: 'Agreement',
    hrefKey: 'agreement_href',
    firstId: 40,
    defaults: { cancelledFlag: false, agreementStatus: 'Active', noEndingDateFlag: false },
  },
};
