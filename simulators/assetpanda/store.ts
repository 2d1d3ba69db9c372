/**
 * The simulated account's data: groups, their fields and statuses, and their objects. It applies changes
 * that validation.ts has already accepted; it never decides whether a change is allowed.
 */
import { monotonicClock, objectIdGenerator } from './random.js';
import type { ApFieldSpec, ApGroupSpec, ApObjectView } from './types.js';
import { UniqueIndex } from './unique-index.js';

export interface GroupStatus {
  id: number;
  name: string;
  key: string;
}

export interface StoredObject {
  id: string;
  groupId: number;
  /** Non-blank values only; clearing a field deletes its key. */
  values: Record<string, string>;
  archived: boolean;
  stopDate: string | null;
  createdAt: number;
  updatedAt: number;
}

export interface Group {
  id: number;
  name: string;
  key: string;
  icon: string;
  fields: ApFieldSpec[];
  fieldsByKey: Map<string, ApFieldSpec>;
  statuses: GroupStatus[];
  /** The field whose value is the object's display_name. */
  displayField: ApFieldSpec | undefined;
  /** Insertion order is creation order, which is the order searches return. */
  objects: Map<string, StoredObject>;
  unique: UniqueIndex;
}

export class SpecError extends Error {
  override name = 'SpecError';
}

function slug(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_|_$/g, '');
}

function checkSpec(spec: ApGroupSpec): void {
  const keys = new Set<string>();
  for (const f of spec.fields) {
    if (!/^field_\d+$/.test(f.key))
      throw new SpecError(`group ${spec.name}: field key ${f.key} is not field_N`);
    if (keys.has(f.key)) throw new SpecError(`group ${spec.name}: field key ${f.key} appears twice`);
    if (f.type === 'list' && !f.options?.length)
      throw new SpecError(`group ${spec.name}: list ${f.key} has no options`);
    keys.add(f.key);
  }
}

function pickDisplayField(fields: ApFieldSpec[]): ApFieldSpec | undefined {
  return (
    fields.find((f) => f.required && f.type === 'text') ?? fields.find((f) => f.type === 'text') ?? fields[0]
  );
}

export class AccountStore {
  private readonly groupsById = new Map<number, Group>();
  private readonly nextObjectId: () => string;
  readonly now: () => number;

  constructor(random: () => number) {
    this.nextObjectId = objectIdGenerator(random);
    this.now = monotonicClock();
  }

  groups(): Group[] {
    return [...this.groupsById.values()];
  }

  group(id: number): Group | undefined {
    return this.groupsById.get(id);
  }

  addGroup(spec: ApGroupSpec): Group {
    checkSpec(spec);
    const id = spec.id ?? Math.max(1000, ...this.groupsById.keys()) + 1;
    if (this.groupsById.has(id)) throw new SpecError(`group id ${id} is already used`);
    // Copies, so that a caller editing its spec (or DEMO_GROUPS) later cannot change the account.
    const fields = spec.fields.map((f) => ({ ...f, ...(f.options ? { options: [...f.options] } : {}) }));
    const key = spec.key ?? slug(spec.name);
    const group: Group = {
      id,
      name: spec.name,
      key,
      icon: `https://icons.assetpanda.invalid/groups/${key}.png`,
      fields,
      fieldsByKey: new Map(fields.map((f) => [f.key, f])),
      statuses: (spec.statuses ?? []).map((name, i) => ({ id: id * 100 + i + 1, name, key: slug(name) })),
      displayField: pickDisplayField(fields),
      objects: new Map(),
      unique: new UniqueIndex(fields.filter((f) => f.unique)),
    };
    this.groupsById.set(id, group);
    return group;
  }

  insert(group: Group, rows: Array<Record<string, string>>): StoredObject[] {
    return rows.map((values) => {
      const at = this.now();
      const object: StoredObject = {
        id: this.nextObjectId(),
        groupId: group.id,
        values: { ...values },
        archived: false,
        stopDate: null,
        createdAt: at,
        updatedAt: at,
      };
      group.objects.set(object.id, object);
      group.unique.add(object.id, object.values);
      return object;
    });
  }

  /** Applies `changes` ('' clears a field); updated_at moves only when a value really changed. */
  update(group: Group, object: StoredObject, changes: Record<string, string>): void {
    const next = { ...object.values };
    for (const [key, value] of Object.entries(changes)) {
      if (value === '') delete next[key];
      else next[key] = value;
    }
    const changed =
      Object.keys(next).length !== Object.keys(object.values).length ||
      Object.entries(next).some(([k, v]) => object.values[k] !== v);
    if (!changed) return;
    group.unique.remove(object.id, object.values);
    object.values = next;
    group.unique.add(object.id, object.values);
    object.updatedAt = this.now();
  }

  setArchived(object: StoredObject, archived: boolean, stopDate: string | null): void {
    if (object.archived === archived) return;
    object.archived = archived;
    object.stopDate = archived ? stopDate : null;
    object.updatedAt = this.now();
  }
}

export function viewOf(object: StoredObject): ApObjectView {
  return {
    id: object.id,
    groupId: object.groupId,
    archived: object.archived,
    fields: { ...object.values },
    createdAt: new Date(object.createdAt).toISOString(),
    updatedAt: new Date(object.updatedAt).toISOString(),
  };
}
