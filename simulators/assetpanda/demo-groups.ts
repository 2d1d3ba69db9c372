/**
 * The demo account: one group per ConnectWise entity the sync service writes. The sync engine's default
 * mappings find fields by these names, so names and keys are part of the contract.
 */
import type { ApFieldSpec, ApFieldType, ApGroupSpec } from './types.js';

function field(
  n: number,
  name: string,
  type: ApFieldType = 'text',
  extra: Partial<ApFieldSpec> = {},
): ApFieldSpec {
  return { key: `field_${n}`, name, type, ...extra };
}

const identifier = { required: true, unique: 'unique' } as const;
const required = { required: true } as const;

export const DEMO_GROUPS: ApGroupSpec[] = [
  {
    id: 1001,
    name: 'Companies',
    key: 'companies',
    fields: [
      field(1, 'Company ID', 'number', identifier),
      field(2, 'Company Identifier'),
      field(3, 'Company', 'text', required),
      field(4, 'Address 1'),
      field(5, 'Address 2'),
      field(6, 'City'),
      field(7, 'State'),
      field(8, 'Zip'),
      field(9, 'Country'),
      field(10, 'Phone', 'phone'),
      field(11, 'Website', 'url'),
      field(12, 'Number of Employees', 'number'),
      field(13, 'Status'),
      field(14, 'Type'),
      field(15, 'Last Updated', 'date'),
    ],
  },
  {
    id: 1002,
    name: 'Devices',
    key: 'devices',
    fields: [
      field(1, 'Configuration ID', 'number', identifier),
      field(2, 'Name', 'text', required),
      field(3, 'Type'),
      field(4, 'Status'),
      field(5, 'Company'),
      field(6, 'Serial Number'),
      field(7, 'Model Number'),
      field(8, 'Tag Number'),
      field(9, 'Manufacturer'),
      field(10, 'Purchase Date', 'date'),
      field(11, 'Warranty Expiration', 'date'),
      field(12, 'IP Address'),
      field(13, 'MAC Address'),
      field(14, 'OS Type'),
      field(15, 'Active', 'boolean'),
      field(16, 'Last Updated', 'date'),
    ],
  },
  {
    id: 1003,
    name: 'Products',
    key: 'products',
    fields: [
      field(1, 'Product ID', 'text', identifier),
      field(2, 'Description', 'text', required),
      field(3, 'Category'),
      field(4, 'Subcategory'),
      field(5, 'Type'),
      field(6, 'Price', 'currency'),
      field(7, 'Cost', 'currency'),
      field(8, 'Manufacturer'),
      field(9, 'Inactive', 'boolean'),
    ],
  },
  {
    id: 1004,
    name: 'Service Tickets',
    key: 'service_tickets',
    fields: [
      field(1, 'Ticket Number', 'number', identifier),
      field(2, 'Summary', 'text', required),
      field(3, 'Board'),
      field(4, 'Status'),
      field(5, 'Company'),
      field(6, 'Priority'),
      field(7, 'Closed', 'boolean'),
      field(8, 'Last Updated', 'date'),
    ],
  },
  {
    id: 1005,
    name: 'Agreements',
    key: 'agreements',
    fields: [
      field(1, 'Agreement ID', 'number', identifier),
      field(2, 'Name', 'text', required),
      field(3, 'Type'),
      field(4, 'Company'),
      field(5, 'Agreement Status'),
      field(6, 'Start Date', 'date'),
      field(7, 'End Date', 'date'),
      field(8, 'Cancelled', 'boolean'),
    ],
  },
];
