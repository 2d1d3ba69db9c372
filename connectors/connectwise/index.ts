/** The ConnectWise Manage connector: everything the service knows about ConnectWise is behind this file. */
export {
  createConnectWiseClient,
  testConnectWiseConnection,
  type ConnectWiseClient,
  type ConnectWiseClientOptions,
  type ConnectWiseSite,
  type ForwardOnlyPage,
  type ForwardOnlyQuery,
  type KeysetQuery,
  type ListResult,
} from './client.js';
export {
  CONDITION_OPERATORS,
  FIELD_PATH,
  compileConditions,
  conditionFilterSchema,
  type Comparison,
  type ConditionFilter,
  type ConditionOperator,
  type ConditionScalar,
} from './conditions.js';
export {
  ENTITIES,
  ENTITY_NAMES,
  entityDefinition,
  entityFieldCatalog,
  isCwEntity,
  type CwEntity,
  type EntityDefinition,
} from './entities.js';
export type { CwField, CwFieldType } from './field-catalog.js';
export { keysetCursorSchema, type KeysetCursor, type KeysetPage } from './keyset.js';
export { parseLinkHeader, type Links } from './link-header.js';
export { MAX_PAGE_SIZE, MAX_URL_LENGTH, type FilterQuery, type ListQuery, type OrderBy } from './query.js';
export type { ConnectWiseRecord } from './schemas.js';
export {
  DEFAULT_API_VERSION,
  connectWiseSettingsSchema,
  parseConnectWiseSettings,
  type ConnectWiseSettings,
  type ConnectWiseSettingsInput,
} from './settings.js';
export type {
  ConnectionProblem,
  ConnectionProblemKind,
  ConnectionTestResult,
  EntityCheck,
} from './test-connection.js';
export { CLOUD_API_HOSTS, resolveSiteUrl } from './url.js';
