/**
 * Groups (the Pro UI's "collections"), their fields and statuses, and the account settings. The schemas
 * ignore keys they do not know; only what we read must be present.
 */
import { z } from 'zod';
import { apError } from './errors.js';
import type { Requester } from './requester.js';

export interface ApGroup {
  id: number;
  name: string;
  key?: string;
}

export interface ApField {
  /** 'field_N': what objects are written with. */
  key: string;
  name: string;
  type?: string;
  required: boolean;
  /** undefined: the API did not say (uniqueness is not in any documented schema). */
  unique?: boolean;
  /** The rule's own name when the API gave one (e.g. 'unique_with_blank'). */
  uniqueRule?: string;
}

export interface ApStatus {
  id: string;
  name: string;
  key?: string;
  isDefault?: boolean;
}

export interface ApAccountSettings {
  /** The account's date format as the API states it; undefined when we could not find one. */
  dateFormat?: string;
  /** `settings.token_expires_in`, unit undocumented. */
  tokenExpiresIn?: number;
}

const groupId = z.union([z.number().int(), z.string().regex(/^\d+$/).transform(Number)]);
const idText = z.union([z.string(), z.number()]).transform(String);
/** Types of flags are undocumented: booleans, 'true'/'1'/'yes', 1/0 all read; anything else is false. */
const flag = z
  .unknown()
  .transform(
    (v) => v === true || v === 1 || (typeof v === 'string' && ['true', '1', 'yes'].includes(v.toLowerCase())),
  );
/** Text the API may send as a number, or leave out; anything else counts as absent rather than failing. */
const looseText = z
  .union([z.string(), z.number()])
  .nullish()
  .transform((v) => (v === null || v === undefined ? undefined : String(v)))
  .catch(undefined);

const groupSchema = z
  .looseObject({ id: groupId, name: looseText, key: looseText })
  .transform((g): ApGroup => {
    const group: ApGroup = { id: g.id, name: g.name ?? `Group ${g.id}` };
    if (g.key) group.key = g.key;
    return group;
  });

/**
 * A list the API answers with, bare or wrapped under `wrapper`, read item by item: an item we cannot use
 * (a built-in field without a field_N key, a group without an id) is left out instead of failing the whole
 * answer; only a list of which nothing could be read is refused, because then the shape is not what we know.
 */
function tolerantList<T>(wrapper: string, item: z.ZodType<T>) {
  const read = (items: unknown[], ctx: z.RefinementCtx): T[] => {
    const out: T[] = [];
    for (const raw of items) {
      const parsed = item.safeParse(raw);
      if (parsed.success) out.push(parsed.data);
    }
    if (items.length > 0 && out.length === 0)
      ctx.addIssue({
        code: 'custom',
        message: `none of the ${items.length} ${wrapper} has the expected shape`,
      });
    return out;
  };
  return z.union([
    z
      .looseObject({ [wrapper]: z.array(z.unknown()) })
      .transform((r, ctx) => read(r[wrapper] as unknown[], ctx)),
    z.array(z.unknown()).transform((items, ctx) => read(items, ctx)),
  ]);
}

// Some clients saw bare arrays where others saw `{groups: [...]}`: accept both, it costs nothing.
const groupsResponse = tolerantList('groups', groupSchema);

const oneGroupResponse = z.union([
  z.looseObject({ group: groupSchema }).transform((r) => r.group),
  groupSchema,
]);

const uniqueRule = z.union([z.boolean(), z.string(), z.number(), z.null()]).optional().catch(undefined);

const fieldSchema = z
  .looseObject({
    // Only field_N keys can be written; built-in keys (status, gps_coordinates…) are left out of the list.
    key: z.string().regex(/^field_\d+$/),
    name: looseText,
    label: looseText,
    type: looseText,
    is_required: flag.optional(),
    required: flag.optional(),
    is_unique: uniqueRule,
    unique: uniqueRule,
  })
  .transform((f): ApField => {
    const field: ApField = {
      key: f.key,
      name: f.name ?? f.label ?? f.key,
      required: f.is_required ?? f.required ?? false,
    };
    if (f.type) field.type = f.type;
    const rule = f.is_unique ?? f.unique;
    if (typeof rule === 'boolean') field.unique = rule;
    else if (typeof rule === 'number') field.unique = rule !== 0;
    else if (typeof rule === 'string') {
      field.unique = !['', 'false', '0', 'none', 'not_unique'].includes(rule);
      field.uniqueRule = rule;
    }
    return field;
  });

const fieldsResponse = tolerantList('fields', fieldSchema);

const statusSchema = z
  .looseObject({
    id: idText,
    name: z.string().nullish(),
    value: z.string().nullish(),
    key: z.string().nullish(),
    is_default: flag.optional(),
  })
  .transform((s): ApStatus => {
    const status: ApStatus = { id: s.id, name: s.name ?? s.value ?? s.id };
    if (s.key) status.key = s.key;
    if (s.is_default !== undefined) status.isDefault = s.is_default;
    return status;
  });

const statusesResponse = z.union([
  z.looseObject({ statuses: z.array(statusSchema) }).transform((r) => r.statuses),
  z.array(statusSchema),
]);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const DATE_FORMAT_KEY = /^date_?format$/i;

/**
 * Where the account states its date format is UNDOCUMENTED. We look in the likely spots first and then
 * anywhere within a few levels, taking the first string under a key named date_format / dateFormat.
 */
export function findDateFormat(body: unknown, depth = 4): string | undefined {
  if (!isRecord(body) || depth === 0) return undefined;
  const nested = isRecord(body.settings) ? body.settings : undefined;
  for (const holder of [nested, body]) {
    if (!holder) continue;
    for (const [key, value] of Object.entries(holder)) {
      if (DATE_FORMAT_KEY.test(key) && typeof value === 'string' && value.trim() !== '') return value.trim();
    }
  }
  for (const value of Object.values(body)) {
    const found = findDateFormat(value, depth - 1);
    if (found !== undefined) return found;
  }
  return undefined;
}

const settingsResponse = z.unknown().transform((body): ApAccountSettings => {
  const out: ApAccountSettings = {};
  const dateFormat = findDateFormat(body);
  if (dateFormat !== undefined) out.dateFormat = dateFormat;
  const settings = isRecord(body) && isRecord(body.settings) ? body.settings : body;
  if (isRecord(settings) && typeof settings.token_expires_in === 'number') {
    out.tokenExpiresIn = settings.token_expires_in;
  }
  return out;
});

/** Group ids are integers; anything else would build a path to somewhere we did not mean. */
export function groupPath(groupId: number): string {
  if (!Number.isSafeInteger(groupId) || groupId <= 0) {
    throw apError({
      kind: 'bad_request',
      retryable: false,
      message: `not an Asset Panda group id: ${groupId}`,
    });
  }
  return `/v3/groups/${encodeURIComponent(String(groupId))}`;
}

export async function listGroups(http: Requester): Promise<ApGroup[]> {
  return http.call({ method: 'GET', path: '/v3/groups' }, groupsResponse);
}

export async function getGroup(http: Requester, id: number): Promise<ApGroup> {
  return http.call({ method: 'GET', path: groupPath(id) }, oneGroupResponse);
}

export async function listFields(http: Requester, id: number): Promise<ApField[]> {
  return http.call({ method: 'GET', path: `${groupPath(id)}/fields` }, fieldsResponse);
}

export async function listStatuses(http: Requester, id: number): Promise<ApStatus[]> {
  return http.call({ method: 'GET', path: `${groupPath(id)}/statuses` }, statusesResponse);
}

export async function getSettings(http: Requester): Promise<ApAccountSettings> {
  return http.call({ method: 'GET', path: '/v3/settings' }, settingsResponse);
}
