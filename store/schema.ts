/**
 * Table types of the store. Timestamps are ISO-8601 UTC strings and JSON documents are text, so the same
 * rows and queries work on SQLite and PostgreSQL.
 */
export interface IntegrationsTable {
  id: string;
  name: string;
  /** JSON of the non-secret ConnectWise settings (url, companyId, clientId, selfHosted...). */
  connectwise: string;
  /** JSON of the non-secret Asset Panda settings (url, email). */
  asset_panda: string;
  /** AES-256-GCM envelope of the secrets (keys, password or token). Never leaves the store decrypted. */
  secrets: string;
  created_at: string;
  updated_at: string;
}

export interface MappingsTable {
  integration_id: string;
  entity: string;
  spec: string;
  /** Hash of the spec: the identity map's value hashes are only comparable under the same spec. */
  spec_hash: string;
  group_id: number;
  /** The group whose existing objects were adopted into the identity map (first run of a mapping). */
  adopted_group_id: number | null;
  updated_at: string;
}

export interface CursorsTable {
  integration_id: string;
  entity: string;
  /** Keyset position (lastUpdated, id) of the last committed page. */
  last_updated: string;
  last_id: number;
  updated_at: string;
}

export interface IdentityMapTable {
  integration_id: string;
  entity: string;
  cw_id: number;
  group_id: number;
  ap_object_id: string;
  unique_value: string;
  /** Hash of the mapped values last written; null forces the next sight of the record to update. */
  hash: string | null;
  /** The last full run that saw this record in scope; full runs archive the rest. */
  seen_run: string | null;
  archived: number;
  updated_at: string;
}

export interface CreateIntentsTable {
  integration_id: string;
  entity: string;
  cw_id: number;
  unique_value: string;
  run_id: string;
  created_at: string;
}

export interface StagedPagesTable {
  id: string;
  run_id: string;
  /** 'raw' (a ConnectWise page) or 'mapped' (the map/filter output). */
  kind: string;
  record_count: number;
  body: string;
  created_at: string;
}

export interface PageResultsTable {
  page_id: string;
  integration_id: string;
  entity: string;
  cw_id: number;
  group_id: number;
  ap_object_id: string | null;
  unique_value: string;
  hash: string | null;
  outcome: string;
  archived: number;
}

export interface QuarantineTable {
  id: string;
  run_id: string;
  integration_id: string;
  entity: string;
  cw_id: number | null;
  unique_value: string | null;
  stage: string;
  reason: string;
  details: string | null;
  created_at: string;
}

export interface RunsTable {
  run_id: string;
  integration_id: string;
  entity: string;
  mode: string;
  trigger: string;
  status: string;
  started_at: string;
  finished_at: string | null;
  stats: string;
  pages: number;
  cursor_from: string | null;
  cursor_to: string | null;
  error: string | null;
  updated_at: string;
}

export interface SyncLocksTable {
  integration_id: string;
  entity: string;
  run_id: string;
  acquired_at: string;
}

export interface AdoptedObjectsTable {
  integration_id: string;
  entity: string;
  group_id: number;
  unique_value: string;
  ap_object_id: string;
  archived: number;
  hash: string | null;
}

export interface RunCheckpointsTable {
  run_id: string;
  seq: number;
  committed_at: string;
}

export interface CallLogTable {
  budget_key: string;
  at: number;
}

export interface SchedulesTable {
  integration_id: string;
  entity: string;
  settings: string;
  updated_at: string;
}

export interface Database {
  integrations: IntegrationsTable;
  mappings: MappingsTable;
  cursors: CursorsTable;
  identity_map: IdentityMapTable;
  create_intents: CreateIntentsTable;
  staged_pages: StagedPagesTable;
  page_results: PageResultsTable;
  quarantine: QuarantineTable;
  runs: RunsTable;
  sync_locks: SyncLocksTable;
  adopted_objects: AdoptedObjectsTable;
  run_checkpoints: RunCheckpointsTable;
  call_log: CallLogTable;
  schedules: SchedulesTable;
}
