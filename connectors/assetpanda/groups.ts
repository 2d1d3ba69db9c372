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
const flag = z
  .union([z.boolean(), z.literal('true'), z.literal('false'), z.literal(1), z.literal(0), z.null()])
  .transform((v) => v === true || v === 'true' || v === 1);

const groupSchema = z
  .looseObject({ id: groupId, name: z.string(), key: z.string().nullish() })
  .transform((g): ApGroup => (g.key ? { id: g.id, name: g.name, key: g.key } : { id: g.id, name: g.name }));

// Some clients saw bare arrays where others saw `{groups: [...]}`: accept both, it costs nothing.
const groupsResponse = z.union([
  z.looseObject({ groups: z.array(groupSchema) }).transform((r) => r.groups),
  z.array(groupSchema),
]);

const oneGroupResponse = z.union([
  z.looseObject({ group: groupSchema }).transform((r) => r.group),
  groupSchema,
]);

const fieldSchema = z
  .looseObject({
    key: z.string().regex(/^field_\d+$/),
    name: z.string().nullish(),
    label: z.string().nullish(),
    type: z.string().nullish(),
    is_required: flag.optional(),
    required: flag.optional(),
    is_unique: z.union([z.boolean(), z.string(), z.null()]).optional(),
    unique: z.union([z.boolean(), z.string(), z.null()]).optional(),
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
    else if (typeof rule === 'string') {
      field.unique = !['', 'false', 'none', 'not_unique'].includes(rule);
      field.uniqueRule = rule;
    }
    return field;
  });

const fieldsResponse = z.union([
  z.looseObject({ fields: z.array(fieldSchema) }).transform((r) => r.fields),
  z.array(fieldSchema),
]);

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
