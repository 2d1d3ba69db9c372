/** Fixed lookup tables (statuses, types, boards...) that a ConnectWise site would have configured. */
import type { Named } from './refs.js';

export const COMPANY_STATUSES = {
  active: { id: 1, name: 'Active' },
  inactive: { id: 2, name: 'Inactive' },
  notApproved: { id: 3, name: 'Not-Approved' },
  creditHold: { id: 5, name: 'Credit Hold' },
};

export const COMPANY_TYPES = {
  client: { id: 1, name: 'Client' },
  prospect: { id: 2, name: 'Prospect' },
  vendor: { id: 3, name: 'Vendor' },
  partner: { id: 4, name: 'Partner' },
  competitor: { id: 5, name: 'Competitor' },
};

export const COUNTRIES = [
  { id: 1, identifier: 'US', name: 'United States' },
  { id: 2, identifier: 'CA', name: 'Canada' },
  { id: 3, identifier: 'GB', name: 'United Kingdom' },
  { id: 4, identifier: 'AU', name: 'Australia' },
];

export const TERRITORIES: Named[] = [
  { id: 1, name: 'Main' },
  { id: 2, name: 'East' },
  { id: 3, name: 'West' },
  { id: 4, name: 'Central' },
];

export const MARKETS: Named[] = [
  { id: 1, name: 'Healthcare' },
  { id: 2, name: 'Manufacturing' },
  { id: 3, name: 'Legal' },
  { id: 4, name: 'Financial Services' },
  { id: 5, name: 'Education' },
  { id: 6, name: 'Nonprofit' },
  { id: 7, name: 'Retail' },
];

export const TIME_ZONES: Named[] = [
  { id: 1, name: 'GMT-5/Eastern Time: US & Canada' },
  { id: 2, name: 'GMT-6/Central Time: US & Canada' },
  { id: 4, name: 'GMT-8/Pacific Time: US & Canada' },
];

export const MEMBERS = [
  { id: 101, identifier: 'jsmith', name: 'John Smith' },
  { id: 102, identifier: 'agarcia', name: 'Ana Garcia' },
  { id: 103, identifier: 'mchen', name: 'Michael Chen' },
  { id: 104, identifier: 'pnair', name: 'Priya Nair' },
  { id: 105, identifier: 'APIMember', name: 'Integration API' },
];

export interface ConfigurationKind extends Named {
  prefix: string;
  models: Record<string, string[]>;
  os?: string[];
}

export const MANUFACTURERS: Named[] = [
  { id: 1, name: 'Dell' },
  { id: 2, name: 'HP' },
  { id: 3, name: 'Lenovo' },
  { id: 4, name: 'Apple' },
  { id: 5, name: 'Cisco' },
  { id: 6, name: 'Fortinet' },
  { id: 7, name: 'Ubiquiti' },
  { id: 8, name: 'Brother' },
  { id: 9, name: 'Microsoft' },
  { id: 10, name: 'Samsung' },
];

const WORKSTATION_OS = ['Windows 11 Pro', 'Windows 10 Pro', 'Windows 11 Enterprise'];

export const CONFIGURATION_TYPES: ConfigurationKind[] = [
  {
    id: 1,
    name: 'Workstation',
    prefix: 'WS',
    models: { Dell: ['OptiPlex 7010', 'OptiPlex 5000'], HP: ['EliteDesk 800 G6', 'ProDesk 400 G7'] },
    os: WORKSTATION_OS,
  },
  {
    id: 2,
    name: 'Laptop',
    prefix: 'LT',
    models: {
      Dell: ['Latitude 5440', 'Latitude 7420'],
      Lenovo: ['ThinkPad T14 Gen 3', 'ThinkPad X1 Carbon'],
      Apple: ['MacBook Pro 14', 'MacBook Air M2'],
    },
    os: [...WORKSTATION_OS, 'macOS 14 Sonoma'],
  },
  {
    id: 3,
    name: 'Server',
    prefix: 'SRV',
    models: { Dell: ['PowerEdge R750', 'PowerEdge T440'], HP: ['ProLiant DL380 Gen10'] },
    os: ['Windows Server 2022 Standard', 'Windows Server 2019 Standard', 'Ubuntu 22.04 LTS'],
  },
  { id: 4, name: 'Firewall', prefix: 'FW', models: { Fortinet: ['FortiGate 60F', 'FortiGate 100F'] } },
  { id: 5, name: 'Switch', prefix: 'SW', models: { Cisco: ['Catalyst 9200', 'CBS350-24P'] } },
  { id: 6, name: 'Wireless Access Point', prefix: 'WAP', models: { Ubiquiti: ['U6-Pro', 'U6-LR'] } },
  { id: 7, name: 'Printer', prefix: 'PRN', models: { Brother: ['HL-L6200DW'], HP: ['LaserJet M404n'] } },
  {
    id: 8,
    name: 'Mobile Device',
    prefix: 'MOB',
    models: { Apple: ['iPhone 14', 'iPad Air'], Samsung: ['Galaxy S23'] },
    os: ['iOS 17', 'Android 14'],
  },
];

export const CONFIGURATION_STATUSES = {
  active: { id: 1, name: 'Active' },
  inactive: { id: 2, name: 'Inactive' },
  onOrder: { id: 3, name: 'On Order' },
  retired: { id: 4, name: 'Retired' },
};

export interface CatalogGroup {
  category: Named & { name: 'Hardware' | 'Software' | 'Services' | 'Agreements' };
  subcategories: Named[];
  types: Named[];
  productClass: 'Inventory' | 'NonInventory' | 'Service' | 'Agreement';
  weight: number;
}

export const CATALOG_CATEGORIES: CatalogGroup[] = [
  {
    category: { id: 1, name: 'Hardware' },
    subcategories: [
      { id: 11, name: 'Computers' },
      { id: 12, name: 'Networking' },
      { id: 13, name: 'Peripherals' },
    ],
    types: [
      { id: 1, name: 'Laptop' },
      { id: 2, name: 'Desktop' },
      { id: 3, name: 'Network Device' },
      { id: 4, name: 'Accessory' },
    ],
    productClass: 'Inventory',
    weight: 50,
  },
  {
    category: { id: 2, name: 'Software' },
    subcategories: [
      { id: 21, name: 'Licensing' },
      { id: 22, name: 'Security' },
    ],
    types: [
      { id: 5, name: 'License' },
      { id: 6, name: 'Subscription' },
    ],
    productClass: 'NonInventory',
    weight: 20,
  },
  {
    category: { id: 3, name: 'Services' },
    subcategories: [
      { id: 31, name: 'Labor' },
      { id: 32, name: 'Projects' },
    ],
    types: [{ id: 7, name: 'Labor' }],
    productClass: 'Service',
    weight: 20,
  },
  {
    category: { id: 4, name: 'Agreements' },
    subcategories: [{ id: 41, name: 'Managed Services' }],
    types: [{ id: 8, name: 'Recurring Service' }],
    productClass: 'Agreement',
    weight: 10,
  },
];

export const UNITS = {
  each: { id: 1, name: 'Each' },
  hour: { id: 2, name: 'Hour' },
  month: { id: 3, name: 'Month' },
};

export const BOARDS: Named[] = [
  { id: 1, name: 'Help Desk' },
  { id: 2, name: 'Network Operations' },
  { id: 3, name: 'Professional Services' },
  { id: 4, name: 'Alerts' },
];

export const TICKET_STATUSES: (Named & { closed: boolean })[] = [
  { id: 1, name: 'New', closed: false },
  { id: 2, name: 'In Progress', closed: false },
  { id: 3, name: 'Waiting on Client', closed: false },
  { id: 4, name: 'Scheduled', closed: false },
  // A "completed" status that is not closed: the reference warns closedFlag does not cover it.
  { id: 5, name: 'Completed', closed: false },
  { id: 6, name: 'Closed (resolved)', closed: true },
];

export const PRIORITIES = [
  { id: 1, name: 'Priority 1 - Emergency Response', sort: 1 },
  { id: 2, name: 'Priority 2 - Quick Response', sort: 2 },
  { id: 3, name: 'Priority 3 - Normal Response', sort: 3 },
  { id: 4, name: 'Priority 4 - Schedule Maintenance', sort: 4 },
];

export const TICKET_SOURCES: Named[] = [
  { id: 1, name: 'Email' },
  { id: 2, name: 'Phone' },
  { id: 3, name: 'Portal' },
  { id: 4, name: 'Monitoring' },
];

export const TICKET_TYPES: Named[] = [
  { id: 1, name: 'Incident' },
  { id: 2, name: 'Service Request' },
  { id: 3, name: 'Problem' },
  { id: 4, name: 'Change' },
];

export const TICKET_SUMMARIES = [
  'Printer offline on second floor',
  'Outlook not syncing shared mailbox',
  'VPN drops every few minutes',
  'New hire setup for %s',
  'Password reset for %s',
  'Laptop running slow after update',
  'Firewall alert: high CPU',
  'Backup job failed on file server',
  'Request: add user to "Finance" group',
  'Replace failing disk in server',
  'Wi-Fi dead zone in conference room',
  'Teams calls dropping audio',
  "Can't open PDF attachments",
];

export const AGREEMENT_TYPES: Named[] = [
  { id: 1, name: 'Managed Services' },
  { id: 2, name: 'Block Time' },
  { id: 3, name: 'Break Fix' },
  { id: 4, name: 'Backup as a Service' },
];

export const BILLING_CYCLES: Named[] = [
  { id: 1, name: 'Monthly' },
  { id: 2, name: 'Quarterly' },
  { id: 3, name: 'Annual' },
];
