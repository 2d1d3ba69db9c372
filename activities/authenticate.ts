/**
 * authenticate: proves both ends work before a run reads anything: ConnectWise accepts the keys and may
 * read the entity; Asset Panda accepts the credentials and has the target group. Failures that no retry
 * can fix (wrong keys, missing permission, unknown company or group) fail the run at once with the reason.
 *
 * A successful check is remembered for a few minutes per integration (and forgotten when the integration
 * changes), so frequent runs do not spend the Asset Panda call budget on it; credentials that stop working
 * in between are still caught, by the first real call (a 401 fails the run just as clearly).
 */
import { heartbeat } from '@temporalio/activity';
import { ConnectorError } from '../connectors/errors.js';
import type { Connections } from './connections.js';
import { fatal } from './failures.js';
import { asEntity } from './source-fields.js';

const CHECK_TTL_MS = 10 * 60_000;

/**
 * The account's date format, or '' when the account states one we cannot read: that only matters to
 * records that carry dates, which the mapping then quarantines with the reason, while the rest still syncs.
 */
async function accountDateFormat(ap: { dateFormat(): Promise<string> }): Promise<string> {
  try {
    return await ap.dateFormat();
  } catch (err) {
    if (err instanceof ConnectorError && err.kind === 'config') return '';
    throw err;
  }
}

export function makeAuthenticate(deps: { connections: Connections; now?: () => number }) {
  const now = deps.now ?? Date.now;
  const checked = new Map<string, number>();

  return async function authenticate(input: {
    integrationId: string;
    entity: string;
    groupId: number;
  }): Promise<{ dateFormat: string }> {
    heartbeat();
    const entity = asEntity(input.entity);
    const integration = await deps.connections.integration(input.integrationId);
    const key = `${input.integrationId}:${integration.updatedAt}:${entity}:${input.groupId}`;
    const ap = await deps.connections.assetpanda(input.integrationId);
    const at = checked.get(key);
    if (at !== undefined && now() - at < CHECK_TTL_MS) return { dateFormat: await accountDateFormat(ap) };

    const cw = await deps.connections.connectwise(input.integrationId);
    const cwTest = await cw.testConnection([entity]);
    if (!cwTest.ok || cwTest.entities.some((e) => e.entity === entity && e.status !== 'ok')) {
      const problem = cwTest.problem;
      const check = cwTest.entities.find((e) => e.entity === entity);
      const message = `ConnectWise: ${problem?.message ?? check?.message ?? `cannot read ${entity}`}`;
      if (problem?.retryable)
        throw new ConnectorError({ target: 'connectwise', kind: 'server_error', retryable: true, message });
      throw fatal('AuthError', message);
    }
    // Listing the groups authenticates (token) and shows whether the group exists: one call.
    let groups;
    try {
      groups = await ap.listGroups();
    } catch (err) {
      if (err instanceof ConnectorError && !err.retryable)
        throw fatal('AuthError', `Asset Panda: ${err.message}`);
      throw err;
    }
    if (!groups.some((g) => g.id === input.groupId))
      throw fatal(
        'NotFound',
        `Asset Panda: the account has no group ${input.groupId}; fix the mapping's groupId`,
      );
    checked.set(key, now());
    return { dateFormat: await accountDateFormat(ap) };
  };
}
