/**
 * Changes made through the admin surface (in-process or HTTP). They behave like changes made in the
 * ConnectWise UI: the record's `_info.lastUpdated` becomes now, company references are completed from
 * the company they name, and renaming a company shows in every reference to it at once (references are
 * looked up when read on the real server) without touching the referring records' lastUpdated.
 */
import type { CwEntity, CwRecord } from '../types.js';
import { CW_ENTITIES } from '../types.js';
import { entityFields } from '../schema/catalogue.js';
import { ENTITIES } from '../schema/entities.js';
import { companyRef } from '../data/refs.js';
import type { SecondClock } from './clock.js';
import { EntityStore } from './store.js';

/** A change the admin surface refuses; the HTTP admin answers 400 with its message. */
export class AdminInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AdminInputError';
  }
}

const ADMIN_MEMBER = 'SimulatorAdmin';
const SYSTEM_KEYS = new Set(['id', '_info']);

function companyRefFields(entity: CwEntity): string[] {
  return [...entityFields(entity).values()]
    .filter((f) => f.kind.type === 'ref' && f.kind.shape === 'Company')
    .map((f) => f.name);
}

export class RecordBook {
  readonly stores: Record<CwEntity, EntityStore>;

  constructor(
    private readonly clock: SecondClock,
    private readonly apiBase: string,
  ) {
    this.stores = Object.fromEntries(
      CW_ENTITIES.map((e) => [e, new EntityStore(ENTITIES[e].firstId)]),
    ) as Record<CwEntity, EntityStore>;
  }

  load(data: Record<CwEntity, CwRecord[]>): void {
    for (const entity of CW_ENTITIES) for (const record of data[entity]) this.stores[entity].add(record);
  }

  get(entity: CwEntity, id: number): CwRecord | undefined {
    const record = this.stores[entity].get(id);
    return record && structuredClone(record);
  }

  all(entity: CwEntity): CwRecord[] {
    const store = this.stores[entity];
    return store.idsAscending().map((id) => structuredClone(store.get(id) as CwRecord));
  }

  create(entity: CwEntity, input: CwRecord): CwRecord {
    const fields = this.checkFields(entity, input);
    const store = this.stores[entity];
    this.checkUniqueIdentifier(entity, fields, undefined);
    const now = this.clock.nowIso();
    const id = store.allocateId();
    const record = this.ordered(entity, {
      ...ENTITIES[entity].defaults,
      ...fields,
      id,
      _info: { lastUpdated: now, updatedBy: ADMIN_MEMBER, dateEntered: now, enteredBy: ADMIN_MEMBER },
    });
    store.add(record);
    return structuredClone(record);
  }

  update(entity: CwEntity, id: number, patch: CwRecord): CwRecord {
    const store = this.stores[entity];
    const current = store.get(id);
    if (!current) throw new AdminInputError(`${ENTITIES[entity].label} ${id} does not exist.`);
    const fields = this.checkFields(entity, patch);
    this.checkUniqueIdentifier(entity, fields, id);
    const merged: CwRecord = { ...current, ...fields };
    for (const [key, value] of Object.entries(merged)) if (value === null) delete merged[key];
    merged._info = {
      ...(current._info as CwRecord),
      lastUpdated: this.clock.nowIso(),
      updatedBy: ADMIN_MEMBER,
    };
    const record = this.ordered(entity, merged);
    store.replace(record);
    if (
      entity === 'companies' &&
      (current.name !== record.name || current.identifier !== record.identifier)
    ) {
      this.refreshCompanyReferences(record);
    }
    return structuredClone(record);
  }

  remove(entity: CwEntity, id: number): boolean {
    return this.stores[entity].delete(id);
  }

  /** Only catalogue names are accepted; id and _info belong to the server; references are completed. */
  private checkFields(entity: CwEntity, input: CwRecord): CwRecord {
    if (input === null || typeof input !== 'object' || Array.isArray(input)) {
      throw new AdminInputError('A record must be a JSON object.');
    }
    const catalogue = entityFields(entity);
    const companyFields = new Set(companyRefFields(entity));
    const out: CwRecord = {};
    for (const [key, value] of Object.entries(input)) {
      if (SYSTEM_KEYS.has(key)) continue;
      const def = catalogue.get(key.toLowerCase());
      if (!def) throw new AdminInputError(`${key} is not a field of ${entity}.`);
      if (def.name !== key) throw new AdminInputError(`${key} is spelled ${def.name}.`);
      out[key] = companyFields.has(key) && value !== null ? this.resolveCompany(key, value) : value;
    }
    return out;
  }

  private resolveCompany(field: string, value: unknown): CwRecord {
    const given = (value ?? {}) as CwRecord;
    const companies = this.stores.companies;
    let company: CwRecord | undefined;
    if (typeof given.id === 'number') company = companies.get(given.id);
    else if (typeof given.identifier === 'string') {
      const wanted = given.identifier.toLowerCase();
      const id = companies.idsAscending().find((i) => {
        const identifier = companies.get(i)?.identifier;
        return typeof identifier === 'string' && identifier.toLowerCase() === wanted;
      });
      company = id === undefined ? undefined : companies.get(id);
    } else {
      throw new AdminInputError(`${field} must name a company by id or identifier.`);
    }
    if (!company) throw new AdminInputError(`${field}: company ${JSON.stringify(value)} does not exist.`);
    return companyRef(this.apiBase, company);
  }

  private checkUniqueIdentifier(entity: CwEntity, fields: CwRecord, selfId: number | undefined): void {
    if ((entity !== 'companies' && entity !== 'catalog') || typeof fields.identifier !== 'string') return;
    const wanted = fields.identifier.toLowerCase();
    const store = this.stores[entity];
    for (const id of store.idsAscending()) {
      const other = store.get(id)?.identifier;
      if (id !== selfId && typeof other === 'string' && other.toLowerCase() === wanted) {
        throw new AdminInputError(`identifier ${fields.identifier} is already used by record ${id}.`);
      }
    }
  }

  /** Keys in the catalogue's order, as the API writes them. */
  private ordered(entity: CwEntity, record: CwRecord): CwRecord {
    const out: CwRecord = {};
    for (const def of entityFields(entity).values()) {
      if (record[def.name] !== undefined) out[def.name] = record[def.name];
    }
    return out;
  }

  private refreshCompanyReferences(company: CwRecord): void {
    const ref = companyRef(this.apiBase, company);
    for (const entity of CW_ENTITIES) {
      const fields = companyRefFields(entity);
      if (fields.length === 0) continue;
      const store = this.stores[entity];
      for (const id of store.idsAscending()) {
        const record = store.get(id) as CwRecord;
        const stale = fields.filter((f) => (record[f] as CwRecord | undefined)?.id === company.id);
        if (stale.length === 0) continue;
        const copy = { ...record };
        for (const f of stale) copy[f] = ref;
        store.replace(copy);
      }
    }
  }
}
