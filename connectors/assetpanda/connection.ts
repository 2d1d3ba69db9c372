/**
 * "Test connection" for the settings screen: tells an operator whether the host is unreachable, the
 * credentials are wrong, or the group id does not exist, in that order.
 */
import { ConnectorError, type ConnectorErrorKind } from '../errors.js';
import type { ApField, ApGroup } from './groups.js';

export type ConnectionProblem =
  | 'unreachable' // no HTTP answer: DNS, refused, TLS, timeout, reset
  | 'bad_credentials' // token or email/password rejected
  | 'forbidden' // authenticated, but the user may not use the API or this group
  | 'group_not_found'
  | 'rate_limited'
  | 'error'; // anything else: see kind and message

export type ConnectionTestResult =
  | { ok: true; groupCount: number; group?: { id: number; name: string; fieldCount: number } }
  | { ok: false; problem: ConnectionProblem; message: string; kind: ConnectorErrorKind; retryable: boolean };

interface ConnectionCalls {
  listGroups(): Promise<ApGroup[]>;
  listFields(groupId: number): Promise<ApField[]>;
}

const NO_ANSWER: ConnectorErrorKind[] = ['unreachable', 'timeout', 'connection_reset'];

function problemOf(kind: ConnectorErrorKind): ConnectionProblem {
  if (NO_ANSWER.includes(kind)) return 'unreachable';
  if (kind === 'unauthorized') return 'bad_credentials';
  if (kind === 'forbidden') return 'forbidden';
  if (kind === 'rate_limited' || kind === 'budget_exhausted') return 'rate_limited';
  return 'error';
}

function failure(err: unknown): ConnectionTestResult {
  if (!(err instanceof ConnectorError)) throw err;
  return {
    ok: false,
    problem: problemOf(err.kind),
    message: err.message,
    kind: err.kind,
    retryable: err.retryable,
  };
}

/**
 * Lists groups (this authenticates) and looks the group up in that list rather than calling
 * GET /groups/{id}, so that "no such group" does not depend on what a 404 from that path means.
 */
export async function testConnection(
  calls: ConnectionCalls,
  groupId?: number,
): Promise<ConnectionTestResult> {
  let groups: ApGroup[];
  try {
    groups = await calls.listGroups();
  } catch (err) {
    return failure(err);
  }
  if (groupId === undefined) return { ok: true, groupCount: groups.length };
  const group = groups.find((g) => g.id === groupId);
  if (group === undefined) {
    return {
      ok: false,
      problem: 'group_not_found',
      kind: 'not_found',
      retryable: false,
      message: `Asset Panda has no group ${groupId} visible to this user (${groups.length} groups listed)`,
    };
  }
  try {
    const fields = await calls.listFields(groupId);
    return {
      ok: true,
      groupCount: groups.length,
      group: { id: group.id, name: group.name, fieldCount: fields.length },
    };
  } catch (err) {
    if (err instanceof ConnectorError && err.kind === 'not_found') {
      return {
        ok: false,
        problem: 'group_not_found',
        kind: err.kind,
        retryable: false,
        message: err.message,
      };
    }
    return failure(err);
  }
}
