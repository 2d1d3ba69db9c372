/**
 * The ConnectWise Manage client: settings → site and codebase → typed, validated reads. It never retries:
 * every failure is a ConnectorError that says whether Temporal should try again. The one repeated call is
 * configuration refresh: after an unexpected 404 on a discovered (cloud) codebase, the codebase is looked up
 * again and, if it moved, the call is made once more at the new address.
 */
import { discoverCompanyInfo, type CompanyInfo } from './codebase.js';
import type { ConditionFilter } from './conditions.js';
import { ENTITY_NAMES, entityDefinition, type CwEntity, type EntityDefinition } from './entities.js';
import { ConnectorError } from '../errors.js';
import { cwError, errorFromResponse } from './errors.js';
import {
  KEYSET_FIELDS,
  KEYSET_ORDER_BY,
  keysetConditions,
  keysetPage,
  type KeysetCursor,
  type KeysetPage,
} from './keyset.js';
import { parseLinkHeader, type Links } from './link-header.js';
import { forwardOnlyNext, navigableHasMore } from './paging.js';
import {
  assertUrlLength,
  checkPage,
  checkPageSize,
  compileFields,
  compileOrderBy,
  filterParams,
  queryString,
  type FilterQuery,
  type ListQuery,
  type QueryParams,
} from './query.js';
import {
  authHeaders,
  createSender,
  describeRequest,
  jsonBody,
  type HttpRequest,
  type HttpResponse,
  type RequesterOptions,
} from './requester.js';
import { validateCount, validateRecord, validateRecords } from './records.js';
import type { ConnectWiseRecord } from './schemas.js';
import { parseConnectWiseSettings } from './settings.js';
import {
  problemOf,
  runConnectionTest,
  uncheckedEntities,
  type ConnectionTestResult,
} from './test-connection.js';
import { SELF_HOSTED_CODEBASE, apiRoot, resolveSiteUrl } from './url.js';

export interface ConnectWiseClientOptions extends RequesterOptions {
  /**
   * Default settleMs of every keyset read (see keyset.ts): set it (0 or a skew margin) wherever a sync must
   * not miss changes made in the server's current second. Unset: nothing is held back.
   */
  keysetSettleMs?: number;
}

/** The vendor's default page size (§3.1), used when a caller gives none. */
const DEFAULT_PAGE_SIZE = 25;
/** Configuration refresh, not a retry loop: at most one re-discovery per minute. */
const REDISCOVERY_INTERVAL_MS = 60_000;

export interface ConnectWiseSite {
  /** https://host[/prefix]/{codebase}apis/3.0 — holds no credentials. */
  apiUrl: string;
  codebase: string;
  /**
   * The codebase came from /login/companyinfo (and may move on a cloud upgrade); false when pinned, self-hosted,
   * or assumed because a non-cloud host did not answer the lookup.
   */
  discovered: boolean;
  isCloud?: boolean;
  /** The cloud login host typed in the settings, replaced by its api- host. */
  mappedFrom?: string;
}

export interface ListResult<R> {
  records: R[];
  page: number;
  pageSize: number;
  /** A next page exists (Link rel="next"; without a Link header: the page was full). */
  hasMore: boolean;
  links: Links;
}

export interface ForwardOnlyQuery extends FilterQuery {
  /** Start after this id (the nextPageId of the previous page); none = from the start. */
  pageId?: number;
  pageSize?: number;
  fields?: readonly string[];
}

export interface ForwardOnlyPage<R> {
  records: R[];
  /** The pageId of the next page, or null when the read is complete. */
  nextPageId: number | null;
  done: boolean;
}

export interface KeysetQuery extends FilterQuery {
  /** null = from the beginning. */
  cursor: KeysetCursor | null;
  pageSize?: number;
  fields?: readonly string[];
  /**
   * Hold back records changed at or after the server's clock minus this many ms (see keyset.ts); defaults to
   * the client's keysetSettleMs; off when both are unset.
   */
  settleMs?: number;
}

export interface ConnectWiseClient {
  readonly site: ConnectWiseSite;
  testConnection(entities?: readonly CwEntity[]): Promise<ConnectionTestResult>;
  list(entity: CwEntity, query?: ListQuery): Promise<ListResult<ConnectWiseRecord>>;
  listForwardOnly(entity: CwEntity, query?: ForwardOnlyQuery): Promise<ForwardOnlyPage<ConnectWiseRecord>>;
  readKeysetPage(entity: CwEntity, query: KeysetQuery): Promise<KeysetPage<ConnectWiseRecord>>;
  count(
    entity: CwEntity,
    conditions?: ConditionFilter,
    other?: Omit<FilterQuery, 'conditions'>,
  ): Promise<number>;
  get(entity: CwEntity, id: number, options?: { fields?: readonly string[] }): Promise<ConnectWiseRecord>;
}

function serverTime(response: HttpResponse): number | undefined {
  const date = response.headers.date;
  if (date === undefined) return undefined;
  const at = Date.parse(date);
  return Number.isNaN(at) ? undefined : at;
}

function positiveId(id: unknown, what: string): number {
  if (typeof id !== 'number' || !Number.isInteger(id) || id < 1) {
    throw cwError('bad_request', `${what} must be a positive whole number, not ${String(id)}.`);
  }
  return id;
}

/**
 * Validates the settings, resolves the site and (unless self-hosted or pinned) discovers the codebase; a
 * non-cloud host that does not serve the lookup (404, not JSON) gets v4_6_release/.
 * Throws ConnectorError: config (bad settings, a cloud host that is not a ConnectWise site), unknown_company,
 * unreachable...
 */
export async function createConnectWiseClient(
  settingsInput: unknown,
  options: ConnectWiseClientOptions = {},
): Promise<ConnectWiseClient> {
  const settings = parseConnectWiseSettings(settingsInput);
  const site = resolveSiteUrl(settings.url);
  const send = createSender(options);
  const headers = authHeaders(settings);

  const discovers = settings.codebase === undefined && !settings.selfHosted;
  let info: CompanyInfo | undefined = discovers
    ? await discoverCompanyInfo(send, site, settings.companyId)
    : undefined;
  let codebase = settings.codebase ?? info?.codebase ?? SELF_HOSTED_CODEBASE;
  let lastRediscovery = Number.NEGATIVE_INFINITY;

  /** True when the codebase moved (a cloud upgrade) and the call is worth making once more. */
  async function rediscover(): Promise<boolean> {
    if (!discovers || Date.now() - lastRediscovery < REDISCOVERY_INTERVAL_MS) return false;
    lastRediscovery = Date.now();
    info = await discoverCompanyInfo(send, site, settings.companyId);
    if (info.codebase === codebase) return false;
    codebase = info.codebase;
    return true;
  }

  function buildRequest(
    path: string,
    params: QueryParams,
    query: FilterQuery,
    extra?: Record<string, string>,
  ) {
    const qs = queryString(params);
    const url = `${apiRoot(site, codebase)}${path}${qs === '' ? '' : `?${qs}`}`;
    assertUrlLength(url, params, query);
    const request: HttpRequest = { method: 'GET', url, headers: { ...headers, ...extra } };
    return request;
  }

  interface Call {
    definition: EntityDefinition;
    path: string;
    params: QueryParams;
    query?: FilterQuery;
    extraHeaders?: Record<string, string>;
    /** Message for a 404 that survives re-discovery. */
    notFound: string;
  }

  async function call(c: Call): Promise<{ body: unknown; response: HttpResponse; request: HttpRequest }> {
    let request = buildRequest(c.path, c.params, c.query ?? {}, c.extraHeaders);
    let response = await send(request);
    if (response.status === 404 && (await rediscover())) {
      request = buildRequest(c.path, c.params, c.query ?? {}, c.extraHeaders);
      response = await send(request);
    }
    const context = { entityLabel: c.definition.label, permission: c.definition.permission };
    if (response.status === 404) {
      const described = describeRequest(request.method, request.url);
      const classified = errorFromResponse({
        status: 404,
        body: response.text,
        request: described,
        ...context,
      });
      // A 404 body can still say "SSL is required" or "UserNotAuthenticated" (§2.4); keep those.
      if (classified.kind !== 'not_found') throw classified;
      throw cwError('not_found', c.notFound, {
        status: 404,
        request: described,
        details: classified.details,
      });
    }
    try {
      return { body: jsonBody(response, request, context), response, request };
    } catch (err) {
      // On a host whose company lookup also answered with a page that is not JSON, another such page says
      // the address is not a ConnectWise API, not that an edge is having a moment: waiting will not fix it.
      // (A lookup that was only missing, as on some on-premise servers, leaves such pages retryable.)
      if (
        info?.fallback === 'not_json' &&
        err instanceof ConnectorError &&
        err.kind === 'invalid_response' &&
        err.retryable
      ) {
        throw cwError(
          'config',
          `${site.host} answered neither the company lookup nor ${describeRequest(request.method, request.url)} with JSON: it does not look like a ConnectWise API. Check the site URL.`,
          {
            status: response.status,
            request: describeRequest(request.method, request.url),
            retryable: false,
          },
        );
      }
      throw err;
    }
  }

  const unexpected404 = (definition: EntityDefinition) =>
    `ConnectWise has no ${definition.label} endpoint at ${apiRoot(site, codebase)}${definition.path} (404). Check the site URL and codebase${info?.fallback ? ` (${site.host} did not answer the company lookup, so ${SELF_HOSTED_CODEBASE} was assumed)` : ''}; on ConnectWise cloud a 404 can also mean wrong keys.`;

  const client: ConnectWiseClient = {
    get site(): ConnectWiseSite {
      return {
        apiUrl: apiRoot(site, codebase),
        codebase,
        discovered: discovers && info?.fallback === undefined,
        ...(info?.isCloud !== undefined && { isCloud: info.isCloud }),
        ...(site.mappedFrom !== undefined && { mappedFrom: site.mappedFrom }),
      };
    },

    async testConnection(entities = ENTITY_NAMES) {
      return runConnectionTest(entities, {
        site: () => client.site,
        companyInfo: async () => {
          const fresh = await discoverCompanyInfo(send, site, settings.companyId);
          if (discovers) {
            info = fresh;
            codebase = fresh.codebase;
          }
          return fresh;
        },
        strictCompanyInfo: discovers,
        probe: async (entity) => {
          const definition = entityDefinition(entity);
          await call({
            definition,
            path: definition.path,
            params: [
              ['pageSize', '1'],
              ['fields', 'id'],
            ],
            notFound: unexpected404(definition),
          });
        },
      });
    },

    async list(entity, query = {}) {
      const definition = entityDefinition(entity);
      const page = checkPage(query.page);
      const pageSize = checkPageSize(query.pageSize, DEFAULT_PAGE_SIZE);
      const params = filterParams(query);
      const orderBy = compileOrderBy(query.orderBy);
      if (orderBy !== undefined) params.push(['orderBy', orderBy]);
      const fields = compileFields(query.fields);
      if (fields !== undefined) params.push(['fields', fields]);
      params.push(['page', String(page)], ['pageSize', String(pageSize)]);
      const { body, response, request } = await call({
        definition,
        path: definition.path,
        params,
        query,
        notFound: unexpected404(definition),
      });
      const records = validateRecords(definition, body, describeRequest(request.method, request.url));
      const linkHeader = response.headers.link;
      const hasMore = navigableHasMore(linkHeader, records.length, pageSize);
      return { records, page, pageSize, hasMore, links: parseLinkHeader(linkHeader) };
    },

    async listForwardOnly(entity, query = {}) {
      const definition = entityDefinition(entity);
      const pageSize = checkPageSize(query.pageSize, 1000);
      const after = query.pageId === undefined ? undefined : positiveIdOrZero(query.pageId);
      const params = filterParams(query);
      const fields = compileFields(query.fields, ['id']);
      if (fields !== undefined) params.push(['fields', fields]);
      params.push(['pageSize', String(pageSize)]);
      if (after !== undefined && after > 0) params.push(['pageId', String(after)]);
      const { body, response, request } = await call({
        definition,
        path: definition.path,
        params,
        query,
        extraHeaders: { 'pagination-type': 'forward-only' },
        notFound: unexpected404(definition),
      });
      const described = describeRequest(request.method, request.url);
      const records = validateRecords(definition, body, described);
      const nextPageId = forwardOnlyNext(response.headers.link, records.length, pageSize, after, described);
      return { records, nextPageId, done: nextPageId === null };
    },

    async readKeysetPage(entity, query) {
      const definition = entityDefinition(entity);
      const pageSize = checkPageSize(query.pageSize, 1000);
      const params = filterParams(query, (user) => keysetConditions(user, query.cursor));
      params.push(['orderBy', KEYSET_ORDER_BY]);
      const fields = compileFields(query.fields, KEYSET_FIELDS);
      if (fields !== undefined) params.push(['fields', fields]);
      // Always page 1: the cursor condition moves the window, never the page number.
      params.push(['page', '1'], ['pageSize', String(pageSize)]);
      const { body, response, request } = await call({
        definition,
        path: definition.path,
        params,
        query,
        notFound: unexpected404(definition),
      });
      const records = validateRecords(definition, body, describeRequest(request.method, request.url));
      const now = serverTime(response);
      const settleMs = query.settleMs ?? options.keysetSettleMs;
      return keysetPage(definition.label, records, query.cursor, pageSize, {
        ...(now !== undefined && { serverTime: now }),
        ...(settleMs !== undefined && { settleMs }),
      });
    },

    async count(entity, conditions, other = {}) {
      const definition = entityDefinition(entity);
      const query: FilterQuery = { ...other, ...(conditions !== undefined && { conditions }) };
      const { body, request } = await call({
        definition,
        path: `${definition.path}/count`,
        params: filterParams(query),
        query,
        notFound: unexpected404(definition),
      });
      return validateCount(definition, body, describeRequest(request.method, request.url));
    },

    async get(entity, id, options = {}) {
      const definition = entityDefinition(entity);
      const recordId = positiveId(id, `${definition.label} id`);
      const params: QueryParams = [];
      const fields = compileFields(options.fields, ['id']);
      if (fields !== undefined) params.push(['fields', fields]);
      const { body, request } = await call({
        definition,
        path: `${definition.path}/${recordId}`,
        params,
        notFound: `ConnectWise has no ${definition.label} record with id ${recordId} (404); it may have been deleted.`,
      });
      return validateRecord(definition, body, describeRequest(request.method, request.url));
    },
  };
  return client;
}

/**
 * Test and Save Connection from raw settings: a failure before any entity can be tried (bad settings, a wrong
 * address, an unknown company) becomes part of the result instead of an exception.
 */
export async function testConnectWiseConnection(
  settings: unknown,
  entities: readonly CwEntity[] = ENTITY_NAMES,
  options: ConnectWiseClientOptions = {},
): Promise<ConnectionTestResult> {
  const checks = uncheckedEntities(entities);
  let client: ConnectWiseClient;
  try {
    client = await createConnectWiseClient(settings, options);
  } catch (err) {
    return { ok: false, problem: problemOf(err), entities: checks };
  }
  return client.testConnection(entities);
}

function positiveIdOrZero(id: unknown): number {
  if (typeof id !== 'number' || !Number.isInteger(id) || id < 0) {
    throw cwError('bad_request', `pageId must be a record id (a whole number from 0), not ${String(id)}.`);
  }
  return id;
}
