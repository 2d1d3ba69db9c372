/**
 * The entities this service reads. Adding one is a few lines of data here (and its field list in
 * entity-fields.json): the client, the keyset reader and the test connection work from this table.
 */
import type { z } from 'zod';
import { cwError } from './errors.js';
import { buildFieldCatalog, type CwField } from './field-catalog.js';
import { fieldSpecsFor } from './field-specs.js';
import { recordSchema, type ConnectWiseRecord } from './schemas.js';

export const ENTITY_NAMES = ['companies', 'configurations', 'catalog', 'tickets', 'agreements'] as const;
export type CwEntity = (typeof ENTITY_NAMES)[number];

export interface EntityDefinition {
  name: CwEntity;
  /** What a person calls it. */
  label: string;
  /** Collection path under apis/3.0. */
  path: string;
  /**
   * The field that marks a record as gone without deleting it, and the value that means "gone"
   * (reference §6.6). Deleted records themselves simply stop appearing.
   */
  softDelete: { field: string; goneWhen: boolean };
  /** The security-role permission (module › screen, Inquire level) the API member needs to read it. */
  permission: string;
  schema: z.ZodType<ConnectWiseRecord>;
  fields: readonly CwField[];
}

interface EntityData {
  label: string;
  path: string;
  softDelete: { field: string; goneWhen: boolean };
  permission: string;
}

const DATA: Record<CwEntity, EntityData> = {
  companies: {
    label: 'Companies',
    path: '/company/companies',
    softDelete: { field: 'deletedFlag', goneWhen: true },
    permission: 'Companies › Company Maintenance',
  },
  configurations: {
    label: 'Configurations',
    path: '/company/configurations',
    softDelete: { field: 'activeFlag', goneWhen: false },
    permission: 'Companies › Configurations',
  },
  catalog: {
    label: 'Product catalog',
    path: '/procurement/catalog',
    softDelete: { field: 'inactiveFlag', goneWhen: true },
    permission: 'Procurement › Product Catalog',
  },
  tickets: {
    label: 'Service tickets',
    path: '/service/tickets',
    softDelete: { field: 'closedFlag', goneWhen: true },
    permission: 'Service Desk › Service Tickets',
  },
  agreements: {
    label: 'Agreements',
    path: '/finance/agreements',
    softDelete: { field: 'cancelledFlag', goneWhen: true },
    permission: 'Finance › Agreements',
  },
};

function define(name: CwEntity): EntityDefinition {
  const data = DATA[name];
  const specs = fieldSpecsFor(data.path);
  return { name, ...data, schema: recordSchema(specs), fields: buildFieldCatalog(specs) };
}

export const ENTITIES: Readonly<Record<CwEntity, EntityDefinition>> = Object.freeze({
  companies: define('companies'),
  configurations: define('configurations'),
  catalog: define('catalog'),
  tickets: define('tickets'),
  agreements: define('agreements'),
});

export function isCwEntity(name: unknown): name is CwEntity {
  return typeof name === 'string' && (ENTITY_NAMES as readonly string[]).includes(name);
}

/** Looks an entity up by name; an unknown name (from stored settings, say) is a config error. */
export function entityDefinition(name: string): EntityDefinition {
  if (!isCwEntity(name)) {
    throw cwError(
      'config',
      `Unknown ConnectWise entity "${name}"; known entities: ${ENTITY_NAMES.join(', ')}.`,
    );
  }
  return ENTITIES[name];
}

/** The field catalog the mapping screen and validation use. */
export function entityFieldCatalog(name: CwEntity): readonly CwField[] {
  return entityDefinition(name).fields;
}
