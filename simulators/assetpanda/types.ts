/**
 * The public types of the Asset Panda simulator. They describe the simulated account (groups, fields,
 * users) and the switches for behaviour the vendor leaves undocumented, so one client can be tested
 * against each plausible reading.
 */

export type ApFieldType =
  | 'text'
  | 'textarea'
  | 'number'
  | 'currency'
  | 'date'
  | 'boolean'
  | 'email'
  | 'url'
  | 'phone'
  | 'list'
  | 'status';

export interface ApFieldSpec {
  /** 'field_N', as the vendor numbers a group's fields. */
  key: string;
  name: string;
  type: ApFieldType;
  required?: boolean;
  unique?: false | 'unique' | 'unique_with_blank';
  /** The allowed values of a 'list' field. */
  options?: string[];
}

export interface ApGroupSpec {
  id?: number;
  name: string;
  key?: string;
  fields: ApFieldSpec[];
  statuses?: string[];
}

export interface ApFaultRates {
  status500?: number;
  status502?: number;
  status503?: number;
  timeout?: number;
  drop?: number;
}

/**
 * When an injected fault strikes. 'before': the call is never handled, so it changed nothing.
 * 'after': writes only (create, update many, patch, archive, unarchive); the write is handled and applied,
 * then its answer is replaced by the fault, as when a network loses the response to a write that
 * succeeded; reads are never faulted, since they have nothing to lose. 'both': every call may fail
 * before; a write's fault strikes before or after at even odds.
 */
export type ApFaultTiming = 'before' | 'after' | 'both';

/** What `admin.setFaults` and `PUT /__admin/faults` take: the rates, and optionally a new timing. */
export interface ApFaultSettings extends ApFaultRates {
  /** Omitted: the timing stays as it was (from `faultTiming`, or an earlier setFaults). */
  timing?: ApFaultTiming;
}

export interface AssetPandaSimulatorOptions {
  /** Default 127.0.0.1. */
  host?: string;
  /** Default: a free port chosen by the OS. */
  port?: number;
  /** Drives object ids and fault draws, so a run can be repeated. Default 1. */
  seed?: number;
  /** Default [{ email: 'demo@example.com', password: 'demo-password' }]. */
  users?: Array<{ email: string; password: string }>;
  /** Ready-made bearer tokens that are always valid (the vendor's pre-issued token mode). */
  staticTokens?: string[];
  /** Session token lifetime; default 3600. An expired token gets 401. */
  tokenTtlSeconds?: number;
  /** Default DEMO_GROUPS. */
  groups?: ApGroupSpec[];
  /** The account date format in dayjs tokens; default 'MM/DD/YYYY'. */
  dateFormat?: string;
  /** Which token path answers; the other one is 404. Default 'both'. */
  tokenPath?: 'session/token' | 'session-token' | 'both';
  /** Which search path answers; the other one is 404. Default 'both'. */
  searchPath?: 'search/objects' | 'objects/search' | 'both';
  /** Where field values appear in object JSON: under `data`, at the top level, or both. Default 'data'. */
  objectShape?: 'data' | 'flat' | 'both';
  /** Largest search page; a larger `limit` is capped to it. Default 100. */
  maxSearchLimit?: number;
  /** Largest create/update/archive batch; a larger one gets 400. Default 200. */
  batchLimit?: number;
  /** Calls per client IP in a sliding window; default 400. 0 or Infinity means unlimited. */
  callsPerWindow?: number;
  /** Default 180. */
  windowSeconds?: number;
  /** Added before every API answer. */
  latencyMs?: number;
  faults?: ApFaultRates;
  /** When faults strike; default 'before'. See ApFaultTiming. */
  faultTiming?: ApFaultTiming;
}

export interface ApObjectView {
  id: string;
  groupId: number;
  archived: boolean;
  /** Non-blank field values only: writing '' to a field clears it. */
  fields: Record<string, string>;
  createdAt: string;
  updatedAt: string;
}

export interface ApStats {
  calls: number;
  byStatus: Record<string, number>;
  byOperation: Record<string, number>;
  rateLimited: number;
  /**
   * Writes that were applied (answered 2xx by the handler) but whose answer was replaced by an 'after'
   * fault: the client saw a 5xx, a dropped socket or no answer at all, yet the change was made.
   */
  lostResponses: number;
}

export interface AssetPandaSimulatorAdmin {
  groups(): Array<{ id: number; name: string; key: string; fields: ApFieldSpec[] }>;
  addGroup(spec: ApGroupSpec): { id: number };
  /** The whole state of a group, in creation order, for exact comparisons. */
  objects(groupId: number, opts?: { includeArchived?: boolean }): ApObjectView[];
  /** Pre-existing objects (adoption tests); validated like the API, throws SeedValidationError. */
  seedObjects(groupId: number, objects: Array<Record<string, string>>): ApObjectView[];
  expireTokens(): void;
  /**
   * Replaces the fault rates (an omitted rate is 0; `{}` turns faults off). `timing`, if given, replaces
   * the timing; omitted, the timing stays. Throws RangeError for rates outside 0..1, adding up to more
   * than 1, or an unknown timing.
   */
  setFaults(f: ApFaultSettings): void;
  setLatency(ms: number): void;
  /** undefined = unlimited. */
  setBudget(calls: number | undefined, windowSeconds?: number): void;
  stats(): ApStats;
  resetStats(): void;
}

export interface AssetPandaSimulator {
  /** 'http://127.0.0.1:PORT'; the API lives under /v3, the admin API under /__admin. */
  url: string;
  port: number;
  admin: AssetPandaSimulatorAdmin;
  close(): Promise<void>;
}
