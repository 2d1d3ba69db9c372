/**
 * One HTTP exchange with Asset Panda: take a slot from the call budget, send, report the call to the
 * observer, and turn anything but a 2xx JSON answer into a typed ConnectorError. No retries, no auth
 * logic (the requester adds the bearer token and the single re-auth).
 */
import axios, { type AxiosInstance } from 'axios';
import type { CallBudget } from '../call-budget.js';
import type { CallObserver } from '../observer.js';
import { apError, errorFromNetwork, errorFromStatus, notJsonError } from './errors.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH';

export interface Exchange {
  method: HttpMethod;
  /** Path from the host, starting with /v3. */
  path: string;
  query?: Record<string, string | number>;
  body?: unknown;
  token?: string;
  /** Objects carried by the call, so a 422 can be attributed to them. */
  batchSize?: number;
}

export interface TransportOptions {
  baseUrl: string;
  budget: CallBudget;
  observer?: CallObserver;
  timeoutMs: number;
  defaultRetryAfterMs: number;
  signal?: AbortSignal;
}

export interface Transport {
  /** Resolves with the parsed JSON body (undefined for an empty body) of a 2xx answer. */
  send(exchange: Exchange): Promise<unknown>;
  /**
   * Asset Panda's clock minus ours, in ms, from the Date header of the latest answer (one-second
   * resolution); undefined before the first answer with a Date header.
   */
  clockOffsetMs(): number | undefined;
}

export function describeRequest(method: string, path: string): string {
  return `${method} ${path}`;
}

function headerText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && typeof value[0] === 'string') return value[0];
  return undefined;
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  if (text.trim() === '') return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

export function createTransport(options: TransportOptions): Transport {
  const http: AxiosInstance = axios.create({
    baseURL: options.baseUrl,
    // A redirect would resend the bearer token somewhere we did not configure: report it instead.
    maxRedirects: 0,
    validateStatus: () => true,
    // Keep the raw text: we decide ourselves what a non-JSON body means.
    responseType: 'text',
    transformResponse: [(data: unknown) => data],
  });

  let clockOffset: number | undefined;

  async function exchangeOnce(x: Exchange): Promise<unknown> {
    const request = describeRequest(x.method, x.path);
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (x.token !== undefined) headers.Authorization = `Bearer ${x.token}`;
    if (x.body !== undefined) headers['Content-Type'] = 'application/json';

    // Our own deadline covers the whole exchange (axios' timeout is only a socket idle timer).
    const deadline = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      deadline.abort();
    }, options.timeoutMs);
    const onCallerAbort = () => deadline.abort();
    options.signal?.addEventListener('abort', onCallerAbort, { once: true });

    const started = Date.now();
    const report = (status: number | string) =>
      options.observer?.({
        target: 'assetpanda',
        method: x.method,
        path: x.path,
        status,
        ms: Date.now() - started,
      });

    try {
      const response = await http.request<string>({
        method: x.method,
        url: x.path,
        headers,
        ...(x.query === undefined ? {} : { params: x.query }),
        ...(x.body === undefined ? {} : { data: JSON.stringify(x.body) }),
        signal: deadline.signal,
      });
      report(response.status);
      const serverDate = Date.parse(headerText(response.headers.date) ?? '');
      if (!Number.isNaN(serverDate)) clockOffset = serverDate - Date.now();
      const text = typeof response.data === 'string' ? response.data : '';
      const parsed = parseJson(text);
      const contentType = headerText(response.headers['content-type']);
      if (response.status >= 200 && response.status < 300) {
        if (!parsed.ok) throw notJsonError(response.status, request, contentType);
        return parsed.value;
      }
      if (response.status >= 300 && response.status < 400) {
        const location = headerText(response.headers.location) ?? 'an unknown location';
        throw apError({
          kind: 'config',
          retryable: false,
          status: response.status,
          request,
          message: `Asset Panda redirected ${request} to ${location}: set the base URL to the final address`,
        });
      }
      throw errorFromStatus({
        status: response.status,
        body: parsed.ok ? parsed.value : text,
        retryAfter: headerText(response.headers['retry-after']),
        request,
        batchSize: x.batchSize ?? 0,
        defaultRetryAfterMs: options.defaultRetryAfterMs,
      });
    } catch (err) {
      if (!axios.isAxiosError(err)) throw err;
      if (timedOut) {
        report('ETIMEDOUT');
        throw errorFromNetwork('ETIMEDOUT', 'deadline passed', request);
      }
      if (options.signal?.aborted) {
        report('ABORTED');
        throw options.signal.reason ?? new Error('aborted');
      }
      // Never attach the AxiosError itself: its config holds the Authorization header and the body.
      const code = err.code ?? (err.cause as { code?: string } | undefined)?.code;
      report(code ?? 'ERROR');
      throw errorFromNetwork(code, err.message, request);
    } finally {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onCallerAbort);
    }
  }

  return {
    async send(x: Exchange): Promise<unknown> {
      await options.budget.take(options.signal);
      return exchangeOnce(x);
    },
    clockOffsetMs: () => clockOffset,
  };
}
