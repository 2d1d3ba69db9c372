/**
 * The Asset Panda v3 client: wiring only. Every HTTP call (token calls included) first takes a slot
 * from the call budget and is reported to the observer; the client never retries except for the one
 * re-authentication after a 401.
 */
import { InMemoryCallBudget, type CallBudget } from '../call-budget.js';
import { ConnectorError } from '../errors.js';
import type { CallObserver } from '../observer.js';
import { indexObjectsByField, type IndexOptions, type ObjectIndex } from './adoption.js';
import { archiveObjects, unarchiveObjects } from './archive.js';
import { testConnection, type ConnectionTestResult } from './connection.js';
import { DEFAULT_DATE_FORMAT, toDayjsFormat } from './dates.js';
import { DEFAULT_RETRY_AFTER_MS } from './errors.js';
import * as groups from './groups.js';
import type { ApAccountSettings, ApField, ApGroup, ApStatus } from './groups.js';
import type { ApObject } from './normalise.js';
import {
  createObjects,
  patchObject,
  updateObjects,
  type CreateObjectsResult,
  type ObjectUpdate,
  type UpdateObjectsResult,
} from './objects.js';
import { createRequester } from './requester.js';
import {
  createSearcher,
  DEFAULT_MAX_SEARCH_LIMIT,
  type SearchPage,
  type SearchPaging,
  type SearchPath,
  type SearchQuery,
} from './search.js';
import {
  parseAssetPandaSettings,
  type AssetPandaSettings,
  type AssetPandaSettingsInput,
} from './settings.js';
import {
  sessionTokenSource,
  staticTokenSource,
  type SessionTokenSource,
  type TokenPath,
  type TokenSource,
} from './token.js';
import { createTransport } from './transport.js';
import type { ApFieldInput } from './values.js';

/** The vendor's documented limit: 400 calls per 3 minutes per IP. */
export const DOCUMENTED_CALLS_PER_WINDOW = 400;
export const DOCUMENTED_WINDOW_MS = 180_000;
export const DEFAULT_TIMEOUT_MS = 30_000;

export interface AssetPandaClientOptions {
  /**
   * Shared by every client of one account (the limit is per IP). Default: a budget of the documented
   * limit private to this client, which protects only this client.
   */
  budget?: CallBudget;
  observer?: CallObserver;
  /** Deadline for one HTTP exchange, default 30 s. */
  timeoutMs?: number;
  /** Wait suggested after a 429 without Retry-After, default 60 s. */
  defaultRetryAfterMs?: number;
  /** Largest search `limit` we send, default 100 (the largest the vendor shows). */
  maxSearchLimit?: number;
  /** Cancels waits and calls in flight (e.g. the activity's cancellation signal). */
  signal?: AbortSignal;
}

export interface AssetPandaClient {
  testConnection(groupId?: number): Promise<ConnectionTestResult>;
  listGroups(): Promise<ApGroup[]>;
  getGroup(groupId: number): Promise<ApGroup>;
  listFields(groupId: number): Promise<ApField[]>;
  listStatuses(groupId: number): Promise<ApStatus[]>;
  getSettings(): Promise<ApAccountSettings>;
  /** The date format values are sent in: settings, else the account's, else 'MM/DD/YYYY'. */
  dateFormat(): Promise<string>;
  search(groupId: number, query: SearchQuery, paging: SearchPaging): Promise<SearchPage>;
  /** At most MAX_BATCH objects; more is refused before any call. */
  createObjects(groupId: number, objects: ApFieldInput[]): Promise<CreateObjectsResult>;
  /** At most MAX_BATCH updates; more is refused before any call. */
  updateObjects(groupId: number, updates: ObjectUpdate[]): Promise<UpdateObjectsResult>;
  patchObject(groupId: number, objectId: string, fields: ApFieldInput): Promise<ApObject | undefined>;
  archiveObjects(groupId: number, objectIds: string[], stopDate: Date | string): Promise<void>;
  unarchiveObjects(groupId: number, objectIds: string[]): Promise<void>;
  indexObjectsByField(groupId: number, fieldKey: string, options?: IndexOptions): Promise<ObjectIndex>;
  /** Which of the two documented spellings the server answered on, once known. */
  knownPaths(): { token?: TokenPath; search?: SearchPath };
  /**
   * Now, by Asset Panda's clock as its last answer's Date header told it (our clock before any answer):
   * for comparisons with the `last_modified` times Asset Panda keeps.
   */
  serverNow(): Date;
}

export function createAssetPandaClient(
  settingsInput: AssetPandaSettingsInput | AssetPandaSettings,
  options: AssetPandaClientOptions = {},
): AssetPandaClient {
  const settings: AssetPandaSettings = parseAssetPandaSettings(settingsInput);
  const maxSearchLimit = options.maxSearchLimit ?? DEFAULT_MAX_SEARCH_LIMIT;
  const budget =
    options.budget ??
    new InMemoryCallBudget({
      target: 'assetpanda',
      calls: DOCUMENTED_CALLS_PER_WINDOW,
      windowMs: DOCUMENTED_WINDOW_MS,
    });
  const transport = createTransport({
    baseUrl: settings.baseUrl,
    budget,
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    defaultRetryAfterMs: options.defaultRetryAfterMs ?? DEFAULT_RETRY_AFTER_MS,
    ...(options.observer === undefined ? {} : { observer: options.observer }),
    ...(options.signal === undefined ? {} : { signal: options.signal }),
  });
  const credentials = settings.credentials;
  let session: SessionTokenSource | undefined;
  let tokens: TokenSource;
  if (credentials.kind === 'session') {
    session = sessionTokenSource(transport, credentials);
    tokens = session;
  } else {
    tokens = staticTokenSource(credentials.token);
  }
  const http = createRequester(transport, tokens);
  const searcher = createSearcher(http, maxSearchLimit);

  // The format comes back in dayjs tokens whatever spelling the account or the settings use (mm/dd/yyyy,
  // %m/%d/%Y), because the mapping formats dates with dayjs; an unreadable format is a config error.
  let accountFormat: Promise<string> | undefined;
  const dateFormat = async (): Promise<string> => {
    if (settings.dateFormat !== undefined) return toDayjsFormat(settings.dateFormat);
    accountFormat ??= groups.getSettings(http).then(
      (s) => toDayjsFormat(s.dateFormat ?? DEFAULT_DATE_FORMAT),
      (err: unknown) => {
        // An account without the endpoint, or a user not allowed to read it, gets the vendor's example
        // format; anything else (bad credentials, throttling, outages) is thrown and asked again next time.
        if (err instanceof ConnectorError && (err.kind === 'not_found' || err.kind === 'forbidden')) {
          return DEFAULT_DATE_FORMAT;
        }
        accountFormat = undefined;
        throw err;
      },
    );
    return accountFormat;
  };
  const writes = { http, dateFormat };

  return {
    testConnection: (groupId) =>
      testConnection(
        { listGroups: () => groups.listGroups(http), listFields: (id) => groups.listFields(http, id) },
        groupId,
      ),
    listGroups: () => groups.listGroups(http),
    getGroup: (id) => groups.getGroup(http, id),
    listFields: (id) => groups.listFields(http, id),
    listStatuses: (id) => groups.listStatuses(http, id),
    getSettings: () => groups.getSettings(http),
    dateFormat,
    search: (groupId, query, paging) => searcher.search(groupId, query, paging),
    createObjects: (groupId, objects) => createObjects(writes, groupId, objects),
    updateObjects: (groupId, updates) => updateObjects(writes, groupId, updates),
    patchObject: (groupId, id, fields) => patchObject(writes, groupId, id, fields),
    archiveObjects: (groupId, ids, stopDate) => archiveObjects(writes, groupId, ids, stopDate),
    unarchiveObjects: (groupId, ids) => unarchiveObjects(writes, groupId, ids),
    indexObjectsByField: (groupId, fieldKey, indexOptions = {}) =>
      indexObjectsByField(searcher, groupId, fieldKey, { ...indexOptions, maxSearchLimit }),
    serverNow: () => new Date(Date.now() + (transport.clockOffsetMs() ?? 0)),
    knownPaths: () => {
      const known: { token?: TokenPath; search?: SearchPath } = {};
      if (session?.path !== undefined) known.token = session.path;
      if (searcher.path !== undefined) known.search = searcher.path;
      return known;
    },
  };
}
