import type { ConnectorTarget } from './errors.js';

/** What a connector reports about each HTTP call it made (for metrics and logs; never headers or bodies). */
export interface CallEvent {
  target: ConnectorTarget;
  method: string;
  /** Path without query string. */
  path: string;
  /** HTTP status, or a network error code such as ECONNRESET / ETIMEDOUT. */
  status: number | string;
  ms: number;
}

export type CallObserver = (event: CallEvent) => void;
