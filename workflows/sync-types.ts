/**
 * What travels between the sync workflow, its activities and its clients: ids, cursors and counts only.
 * Records never appear here (they are staged in the store and passed by page id), nor do secrets.
 */
export type SyncMode = 'incremental' | 'full';
export type RunTrigger = 'api' | 'schedule' | 'demo';

/** Keyset position: records are read in (lastUpdated, id) order. */
export interface Cursor {
  lastUpdated: string;
  lastId: number;
}

export interface SyncInput {
  integrationId: string;
  entity: string;
  mode: SyncMode;
  trigger?: RunTrigger;
  /** Set only by continue-as-new: where the previous run of this workflow stopped. */
  carried?: CarriedState;
}

export interface Counts {
  fetched: number;
  filteredOut: number;
  created: number;
  updated: number;
  unchanged: number;
  archived: number;
  failed: number;
}

export type SyncPhase =
  | 'starting'
  | 'authenticating'
  | 'adopting'
  | 'reading'
  | 'archiving'
  | 'paused'
  | 'finishing'
  | 'completed'
  | 'failed'
  | 'cancelled';

export interface Progress {
  runId: string;
  integrationId: string;
  entity: string;
  mode: SyncMode;
  phase: SyncPhase;
  paused: boolean;
  stopRequested: boolean;
  pages: number;
  counts: Counts;
  cursor: Cursor | null;
  lastError: string | null;
}

/** Pipeline state carried across continue-as-new. */
export interface CarriedState {
  seq: number;
  cursor: Cursor | null;
  counts: Counts;
  groupId: number;
  pageSize: number;
  overlapSeconds: number;
  dateFormat: string;
  /** How many times this run has waited for recently changed records to settle. */
  settleWaits: number;
  paused: boolean;
  stopRequested: boolean;
  /** A page fetched and mapped but not yet written. */
  pending: PreparedPage | null;
}

export interface FetchPageInput {
  runId: string;
  integrationId: string;
  entity: string;
  cursor: Cursor | null;
  pageSize: number;
  seq: number;
}

export interface FetchedPage {
  rawPageId: string;
  count: number;
  /** Position after the page's last record (or the cursor given, for an empty page). */
  nextCursor: Cursor | null;
  /** Nothing more to read after nextCursor for now. */
  done: boolean;
  /**
   * Records changed too recently to read safely (their second may still receive changes); they sort
   * after nextCursor and can be read after waiting settleInMs.
   */
  heldBack: number;
  settleInMs: number | null;
}

export interface MappedPage {
  mappedPageId: string;
  mapped: number;
  filteredOut: number;
  failed: number;
}

export interface PreparedPage {
  seq: number;
  fetched: FetchedPage;
  mapped: MappedPage;
}

export interface UpsertCounts {
  created: number;
  updated: number;
  unchanged: number;
  failed: number;
}

export interface RunPlan {
  groupId: number;
  startCursor: Cursor | null;
  adopt: boolean;
  pageSize: number;
  overlapSeconds: number;
}

export interface SyncResult {
  runId: string;
  status: 'completed' | 'cancelled';
  counts: Counts;
  pages: number;
}

/** a + b, as a new object. */
export function addCounts(a: Counts, b: Partial<Counts>): Counts {
  const out = { ...a };
  for (const key of Object.keys(out) as Array<keyof Counts>) out[key] += b[key] ?? 0;
  return out;
}

export const emptyCounts = (): Counts => ({
  fetched: 0,
  filteredOut: 0,
  created: 0,
  updated: 0,
  unchanged: 0,
  archived: 0,
  failed: 0,
});

/** Error types that must fail a run at once (no retry can fix them). */
export const NON_RETRYABLE_TYPES = [
  'AuthError',
  'ConfigError',
  'MappingInvalid',
  'NotFound',
  'SafetyValve',
  'RunAlreadyActive',
] as const;
