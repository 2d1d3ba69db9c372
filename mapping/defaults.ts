/**
 * Default mappings: for each entity, the ConnectWise fields people usually want in Asset Panda, under the
 * labels the vendor's integration uses (Address 1, Company ID, ...). A proposal for a real group matches
 * these labels (and a few synonyms) to the group's field names.
 */
import type { CwEntityName } from './entity-names.js';
import { normalizeName, targetKind, type TargetField } from './fields.js';
import { IDENTIFIER_CHOICES } from './identifiers.js';
import type { FieldMapping, Filter, MappingSpecInput, Transform } from './spec.js';

export interface KnownField {
  label: string;
  source: string;
  synonyms?: string[];
}

const lastUpdated: KnownField = {
  label: 'Last Updated',
  source: '_info/lastUpdated',
  synonyms: ['Updated', 'Modified'],
};

export const KNOWN_FIELDS: Record<CwEntityName, KnownField[]> = {
  companies: [
    { label: 'Company ID', source: 'id' },
    { label: 'Company Identifier', source: 'identifier' },
    { label: 'Company', source: 'name', synonyms: ['Company Name', 'Name'] },
    { label: 'Address 1', source: 'addressLine1', synonyms: ['Address', 'Address Line 1'] },
    { label: 'Address 2', source: 'addressLine2', synonyms: ['Address Line 2'] },
    { label: 'City', source: 'city' },
    { label: 'State', source: 'state', synonyms: ['Province', 'Region'] },
    { label: 'Zip', source: 'zip', synonyms: ['Postal Code', 'ZIP Code'] },
    { label: 'Country', source: 'country/name' },
    { label: 'Phone', source: 'phoneNumber', synonyms: ['Phone Number'] },
    { label: 'Website', source: 'website', synonyms: ['Web Site', 'URL'] },
    { label: 'Number of Employees', source: 'numberOfEmployees', synonyms: ['Employees'] },
    { label: 'Status', source: 'status/name' },
    { label: 'Type', source: 'types', synonyms: ['Types', 'Company Type'] },
    lastUpdated,
  ],
  configurations: [
    { label: 'Configuration ID', source: 'id', synonyms: ['Device ID'] },
    { label: 'Name', source: 'name', synonyms: ['Device Name', 'Configuration Name'] },
    { label: 'Type', source: 'type/name', synonyms: ['Configuration Type', 'Device Type'] },
    { label: 'Status', source: 'status/name' },
    { label: 'Company', source: 'company/name', synonyms: ['Company Name', 'Client'] },
    { label: 'Company Identifier', source: 'company/identifier' },
    { label: 'Serial Number', source: 'serialNumber', synonyms: ['Serial', 'Serial No'] },
    { label: 'Model Number', source: 'modelNumber', synonyms: ['Model'] },
    { label: 'Tag Number', source: 'tagNumber', synonyms: ['Asset Tag', 'Tag'] },
    { label: 'Manufacturer', source: 'manufacturer/name', synonyms: ['Make'] },
    { label: 'Vendor', source: 'vendor/name' },
    { label: 'Contact', source: 'contact/name', synonyms: ['Assigned To', 'User'] },
    { label: 'Purchase Date', source: 'purchaseDate' },
    { label: 'Installation Date', source: 'installationDate', synonyms: ['Install Date'] },
    {
      label: 'Warranty Expiration',
      source: 'warrantyExpirationDate',
      synonyms: ['Warranty Expiration Date', 'Warranty End'],
    },
    { label: 'IP Address', source: 'ipAddress', synonyms: ['IP'] },
    { label: 'MAC Address', source: 'macAddress', synonyms: ['MAC'] },
    { label: 'OS Type', source: 'osType', synonyms: ['Operating System', 'OS'] },
    { label: 'OS Info', source: 'osInfo' },
    { label: 'Last Login', source: 'lastLoginName', synonyms: ['Last Login Name'] },
    { label: 'Active', source: 'activeFlag' },
    lastUpdated,
  ],
  catalog: [
    { label: 'Product ID', source: 'identifier', synonyms: ['SKU', 'Product SKU', 'Item ID'] },
    { label: 'Description', source: 'description', synonyms: ['Name', 'Product Name'] },
    { label: 'Customer Description', source: 'customerDescription' },
    { label: 'Category', source: 'category/name' },
    { label: 'Subcategory', source: 'subcategory/name' },
    { label: 'Type', source: 'type/name' },
    { label: 'Product Class', source: 'productClass' },
    { label: 'Price', source: 'price' },
    { label: 'Cost', source: 'cost' },
    { label: 'Manufacturer', source: 'manufacturer/name' },
    { label: 'Manufacturer Part Number', source: 'manufacturerPartNumber', synonyms: ['MPN', 'Part Number'] },
    { label: 'Vendor', source: 'vendor/name' },
    { label: 'Vendor SKU', source: 'vendorSku' },
    { label: 'Inactive', source: 'inactiveFlag' },
    lastUpdated,
  ],
  tickets: [
    { label: 'Ticket Number', source: 'id', synonyms: ['Ticket ID', 'Ticket #'] },
    { label: 'Summary', source: 'summary', synonyms: ['Subject', 'Title'] },
    { label: 'Board', source: 'board/name' },
    { label: 'Status', source: 'status/name' },
    { label: 'Company', source: 'company/name' },
    { label: 'Priority', source: 'priority/name' },
    { label: 'Type', source: 'type/name' },
    { label: 'Owner', source: 'owner/name', synonyms: ['Assigned To'] },
    { label: 'Contact', source: 'contact/name' },
    { label: 'Closed', source: 'closedFlag' },
    { label: 'Closed Date', source: 'closedDate' },
    { label: 'Date Entered', source: '_info/dateEntered', synonyms: ['Created', 'Opened'] },
    lastUpdated,
  ],
  agreements: [
    { label: 'Agreement ID', source: 'id' },
    { label: 'Name', source: 'name', synonyms: ['Agreement Name', 'Agreement'] },
    { label: 'Type', source: 'type/name', synonyms: ['Agreement Type'] },
    { label: 'Company', source: 'company/name' },
    { label: 'Contact', source: 'contact/name' },
    { label: 'Agreement Status', source: 'agreementStatus', synonyms: ['Status'] },
    { label: 'Start Date', source: 'startDate' },
    { label: 'End Date', source: 'endDate' },
    { label: 'Cancelled', source: 'cancelledFlag' },
    { label: 'Bill Amount', source: 'billAmount', synonyms: ['Amount'] },
    lastUpdated,
  ],
};

/** Filters that keep records nobody wants as assets out by default (soft-deleted companies). */
export const DEFAULT_FILTERS: Record<CwEntityName, Filter[]> = {
  companies: [{ field: 'deletedFlag', op: '=', value: false }],
  configurations: [],
  catalog: [],
  tickets: [],
  agreements: [],
};

/** The transform a target field's type calls for when the mapping names none. */
export function inferredTransform(target: TargetField): Transform | undefined {
  switch (targetKind(target.type)) {
    case 'date':
      return { type: 'date' };
    case 'number':
      return { type: 'number' };
    case 'boolean':
      return { type: 'boolean', trueValue: 'true', falseValue: 'false' };
    default:
      return undefined;
  }
}

export interface MappingProposal {
  spec?: MappingSpecInput;
  matched: Array<{ target: string; targetName: string; source: string; label: string }>;
  problems: string[];
}

/** Proposes a mapping for a real group by matching its field names to the entity's known labels. */
export function proposeMapping(
  entity: CwEntityName,
  groupId: number,
  targets: readonly TargetField[],
): MappingProposal {
  const known = KNOWN_FIELDS[entity];
  const byName = new Map<string, KnownField>();
  for (const field of known)
    for (const name of [field.label, ...(field.synonyms ?? [])]) {
      const key = normalizeName(name);
      if (!byName.has(key)) byName.set(key, field);
    }
  const matched: MappingProposal['matched'] = [];
  const usedSources = new Set<string>();
  const fields: FieldMapping[] = [];
  for (const target of targets) {
    const hit = byName.get(normalizeName(target.name));
    if (!hit || usedSources.has(hit.source)) continue;
    usedSources.add(hit.source);
    const transform = inferredTransform(target);
    fields.push({ source: hit.source, target: target.key, ...(transform ? { transform } : {}) });
    matched.push({ target: target.key, targetName: target.name, source: hit.source, label: hit.label });
  }
  const problems: string[] = [];
  const uniqueChoice = IDENTIFIER_CHOICES[entity]
    .slice()
    .sort((a, b) => Number(Boolean(b.recommended)) - Number(Boolean(a.recommended)))
    .find((choice) => fields.some((f) => f.source === choice.path));
  if (!uniqueChoice) {
    const labels = IDENTIFIER_CHOICES[entity].map((c) => `"${c.label}"`).join(' or ');
    problems.push(`the group has no field for a unique identifier; add a field named ${labels}`);
  }
  const unmappedRequired = targets.filter((t) => t.required && !fields.some((f) => f.target === t.key));
  for (const t of unmappedRequired)
    problems.push(`required field "${t.name}" (${t.key}) has no ConnectWise match`);
  const uniqueTarget = uniqueChoice ? fields.find((f) => f.source === uniqueChoice.path)?.target : undefined;
  return {
    ...(uniqueChoice && uniqueTarget
      ? {
          spec: {
            groupId,
            uniqueKey: { source: uniqueChoice.path, target: uniqueTarget },
            fields: fields.filter((f) => f.target !== uniqueTarget),
            filters: DEFAULT_FILTERS[entity],
          },
        }
      : {}),
    matched,
    problems,
  };
}
