/**
 * authenticate: proves both ends work before a run reads anything: ConnectWise accepts the keys and may
 * read the entity; Asset Panda accepts the credentials and has the target group. Failures that no retry
 * can fix (wrong keys, missing permission, unknown company or group) fail the run at once with the reason.
 */
import { heartbeat } from '@temporalio/activity';
import { ConnectorError } from '../connectors/errors.js';
import type { Connections } from './connections.js';
import { fatal } from './failures.js';
import { asEntity } from './source-fields.js';

export function makeAuthenticate(deps: { connections: Connections }) {
  return async function authenticate(input: {
    integrationId: string;
    entity: string;
    groupId: number;
  }): Promise<{ dateFormat: string }> {
    heartbeat();
    const entity = asEntity(input.entity);
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
    const ap = await deps.connections.assetpanda(input.integrationId);
    const apTest = await ap.testConnection(input.groupId);
    if (!apTest.ok) {
      const message = `Asset Panda: ${apTest.message}`;
      if (apTest.retryable)
        throw new ConnectorError({ target: 'assetpanda', kind: apTest.kind, retryable: true, message });
      throw fatal(apTest.problem === 'group_not_found' ? 'NotFound' : 'AuthError', message);
    }
    return { dateFormat: await ap.dateFormat() };
  };
}
