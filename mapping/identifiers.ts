/**
 * Which ConnectWise fields may serve as the unique identifier of a mapping. The identifier ties a record to
 * its Asset Panda object for life, so it must never change: ids and codes yes; names, phones and statuses
 * no (they change over time and would create duplicates or sync errors).
 */
import type { CwEntityName } from './entity-names.js';

export interface IdentifierChoice {
  path: string;
  label: string;
  recommended?: boolean;
  note?: string;
}

export const IDENTIFIER_CHOICES: Record<CwEntityName, IdentifierChoice[]> = {
  companies: [
    { path: 'id', label: 'Company ID', recommended: true },
    {
      path: 'identifier',
      label: 'Company Identifier',
      note: 'stable as long as nobody renames the identifier',
    },
  ],
  configurations: [
    { path: 'id', label: 'Configuration ID', recommended: true },
    {
      path: 'serialNumber',
      label: 'Serial Number',
      note: 'records with a blank serial number are quarantined',
    },
    { path: 'tagNumber', label: 'Tag Number', note: 'records with a blank tag number are quarantined' },
  ],
  catalog: [
    { path: 'identifier', label: 'Product ID (SKU)', recommended: true },
    { path: 'id', label: 'Catalog item ID' },
  ],
  tickets: [{ path: 'id', label: 'Ticket Number', recommended: true }],
  agreements: [{ path: 'id', label: 'Agreement ID', recommended: true }],
};

function volatileReason(path: string): string | undefined {
  const leaf = path.split('/').pop() ?? path;
  if (
    path === 'name' ||
    path === 'company/name' ||
    path === 'companyName' ||
    leaf === 'summary' ||
    leaf === 'description'
  )
    return 'names and descriptions change over time (renames, corrections)';
  if (/phone|fax/i.test(leaf)) return 'phone numbers change over time';
  if (path.startsWith('status') || /status/i.test(leaf))
    return 'a status changes as the record moves through its life';
  if (path.startsWith('type') || path.startsWith('types')) return 'a type or classification can be changed';
  if (/date|lastUpdated|_info/i.test(path)) return 'dates and audit fields change on every edit';
  return undefined;
}

export type IdentifierCheck = { ok: true; choice: IdentifierChoice } | { ok: false; reason: string };

export function checkUniqueIdentifier(entity: CwEntityName, path: string): IdentifierCheck {
  const choices = IDENTIFIER_CHOICES[entity];
  const choice = choices.find((c) => c.path === path);
  if (choice) return { ok: true, choice };
  const allowed = choices.map((c) => `${c.path} (${c.label})`).join(', ');
  const why = volatileReason(path) ?? 'it is not a stable, unique identifier';
  return {
    ok: false,
    reason: `${path} cannot be the unique identifier of ${entity}: ${why}. Use one of: ${allowed}.`,
  };
}

export function recommendedIdentifier(entity: CwEntityName): IdentifierChoice {
  const choices = IDENTIFIER_CHOICES[entity];
  return choices.find((c) => c.recommended) ?? (choices[0] as IdentifierChoice);
}
