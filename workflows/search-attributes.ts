/**
 * Custom search attributes that make runs findable in the Temporal Web UI
 * (e.g. `IntegrationId = "..." AND Entity = "configurations"`). They hold ids and names only, never
 * secrets or record data: search attributes are stored unencrypted in the visibility store.
 */
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

export const integrationIdKey = defineSearchAttributeKey('IntegrationId', SearchAttributeType.KEYWORD);
export const entityKey = defineSearchAttributeKey('Entity', SearchAttributeType.KEYWORD);
export const syncModeKey = defineSearchAttributeKey('SyncMode', SearchAttributeType.KEYWORD);
export const syncStatusKey = defineSearchAttributeKey('SyncStatus', SearchAttributeType.KEYWORD);

export const SEARCH_ATTRIBUTE_KEYS = [integrationIdKey, entityKey, syncModeKey, syncStatusKey];
