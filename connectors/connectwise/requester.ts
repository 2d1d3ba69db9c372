/**
 * The one place an HTTP request to ConnectWise goes out: take a call from the budget, send with a deadline,
 * report the call to the observer, and turn network failures into ConnectorErrors. Statuses are left to the
 * caller (a 404 means different things to different calls).
 *
 * Credentials stay in the request headers: errors are built fresh (never wrapping the HTTP library's error,
 * which carries the headers), and only method + path are ever reported.
 */
import type { Agent as HttpAgent } from 'node:http';
import type { Agent as HttpsAgent } from 'node:https';
import axios, { type AxiosResponse } from 'axios';
import type { CallBudget } from '../call-budget.js';
import type { CallObserver } from '../observer.js';
import type { ConnectWiseSettings } from './settings.js';
import { errorFromNetwork, errorFromResponse, cwError, parseErrorBody, isSslRequired } from './errors.js';

export const DEFAULT_TIMEOUT_MS = 30_000;

export interface RequesterOptions {
  budget?: CallBudget;
  observer?: CallObserver;
  /** Deadline for one whole request (connect, send, receive). */
  timeoutMs?: number;
  /** For http:// (loopback only). */
  httpAgent?: HttpAgent;
  /** For https://: e.g. an agent trusting a self-hosted server's own certificate authority. */
  httpsAgent?: HttpsAgent;
  /** Cancels whatever is in flight (an activity's cancellation signal). */
  signal?: AbortSignal;
}

export interface HttpRequest {
  /** This client only reads. */
  method: 'GET';
  /** Absolute URL including the query string. */
  url: string;
  headers: Record<string, string>;
}

export interface HttpResponse {
  status: number;
  /** Lower-case header names. */
  headers: Record<string, string | undefined>;
  text: string;
}

/** Method and path: what errors, logs and the observer may show of a request. */
export function describeRequest(method: string, url: string): string {
  return `${method} ${new URL(url).pathname}`;
}

export function authHeaders(settings: ConnectWiseSettings): Record<string, string> {
  const basic = Buffer.from(`${settings.companyId}+${settings.publicKey}:${settings.privateKey}`, 'utf8');
  return {
    Authorization: `Basic ${basic.toString('base64')}`,
    clientId: settings.clientId,
    Accept: `application/vnd.connectwise.com+json; version=${settings.apiVersion}`,
  };
}

function headerMap(response: AxiosResponse<unknown>): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(response.headers ?? {})) {
    if (value === undefined || value === null) continue;
    out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
  }
  return out;
}

function errorCode(err: unknown): string | undefined {
  if (typeof err !== 'object' || err === null) return undefined;
  const { code, cause } = err as { code?: unknown; cause?: unknown };
  const causeCode =
    typeof cause === 'object' && cause !== null ? (cause as { code?: unknown }).code : undefined;
  // axios reports its own generic codes (ERR_NETWORK) over the socket's; the socket's says more.
  if (typeof causeCode === 'string') return causeCode;
  return typeof code === 'string' ? code : undefined;
}

export type Send = (request: HttpRequest) => Promise<HttpResponse>;

export function createSender(options: RequesterOptions): Send {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const http = axios.create({
    validateStatus: () => true,
    responseType: 'text',
    // Keep the body as text: we parse JSON ourselves so an HTML page from the edge is recognised as such.
    transformResponse: [(data: unknown) => data],
    // A redirect must not carry the keys to wherever it points.
    maxRedirects: 0,
    ...(options.httpAgent !== undefined && { httpAgent: options.httpAgent }),
    ...(options.httpsAgent !== undefined && { httpsAgent: options.httpsAgent }),
  });

  return async (request) => {
    const described = describeRequest(request.method, request.url);
    const path = new URL(request.url).pathname;
    const origin = new URL(request.url).origin;
    await options.budget?.take(options.signal);

    const deadline = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      deadline.abort();
    }, timeoutMs);
    const signal =
      options.signal === undefined ? deadline.signal : AbortSignal.any([deadline.signal, options.signal]);
    const started = performance.now();
    const report = (status: number | string) =>
      options.observer?.({
        target: 'connectwise',
        method: request.method,
        path,
        status,
        ms: Math.round(performance.now() - started),
      });

    try {
      const response = await http.request<string>({
        method: request.method,
        url: request.url,
        headers: request.headers,
        signal,
      });
      report(response.status);
      return {
        status: response.status,
        headers: headerMap(response),
        text: typeof response.data === 'string' ? response.data : '',
      };
    } catch (err) {
      if (options.signal?.aborted && !timedOut) {
        report('ABORTED');
        throw options.signal.reason instanceof Error ? options.signal.reason : new Error('request cancelled');
      }
      const code = timedOut ? 'ETIMEDOUT' : errorCode(err);
      report(code ?? 'ERROR');
      throw errorFromNetwork(code, timedOut, described, origin);
    } finally {
      clearTimeout(timer);
    }
  };
}

/** What the caller knows about a call, for error messages (which entity, which permission). */
export interface CallContext {
  entityLabel?: string;
  permission?: string;
}

/** 2xx with a JSON body, or a classified ConnectorError. */
export function jsonBody(response: HttpResponse, request: HttpRequest, context: CallContext = {}): unknown {
  const described = describeRequest(request.method, request.url);
  if (response.status < 200 || response.status >= 300) {
    throw errorFromResponse({
      status: response.status,
      body: response.text,
      retryAfterHeader: response.headers['retry-after'],
      request: described,
      ...context,
    });
  }
  if (response.text.trim() === '') return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(response.text);
  } catch {
    // A 2xx HTML page is an edge or a maintenance page in front of ConnectWise: worth another try later.
    const type = response.headers['content-type'] ?? 'no content type';
    throw cwError(
      'invalid_response',
      `ConnectWise answered ${described} with a body that is not JSON (${type}).`,
      {
        status: response.status,
        request: described,
        retryable: true,
      },
    );
  }
  if (isSslRequired(parseErrorBody(response.text))) {
    throw errorFromResponse({ status: response.status, body: response.text, request: described, ...context });
  }
  return parsed;
}
