/** The Asset Panda v3 connector's public surface; other modules import from here only. */
export {
  createAssetPandaClient,
  DEFAULT_TIMEOUT_MS,
  DOCUMENTED_CALLS_PER_WINDOW,
  DOCUMENTED_WINDOW_MS,
  type AssetPandaClient,
  type AssetPandaClientOptions,
} from './client.js';
export {
  assetPandaSettingsSchema,
  parseAssetPandaSettings,
  DEFAULT_BASE_URL,
  type AssetPandaSettings,
  type AssetPandaSettingsInput,
  type AssetPandaCredentials,
} from './settings.js';
export { formatAccountDate, DEFAULT_DATE_FORMAT } from './dates.js';
export {
  MAX_BATCH,
  splitIntoBatches,
  type CreateObjectsResult,
  type ObjectUpdate,
  type UpdateObjectsResult,
} from './objects.js';
export { lookUp, type IndexLookup, type IndexOptions, type ObjectIndex } from './adoption.js';
export type { ConnectionProblem, ConnectionTestResult } from './connection.js';
export {
  AssetPandaValidationError,
  DEFAULT_RETRY_AFTER_MS,
  type FieldProblem,
  type RecordProblem,
  type ValidationProblems,
} from './errors.js';
export type { ApAccountSettings, ApField, ApGroup, ApStatus } from './groups.js';
export { fieldText, type ApFieldValue, type ApObject, type ApRef } from './normalise.js';
export {
  DEFAULT_MAX_SEARCH_LIMIT,
  type SearchPage,
  type SearchPaging,
  type SearchPath,
  type SearchQuery,
} from './search.js';
export type { TokenPath } from './token.js';
export type { ApFieldInput, ApInputValue } from './values.js';
