/**
 * "Test and Save Connection": one cheap authenticated read per entity, reported so that a person can tell a
 * wrong address from wrong keys from a missing permission, and knows what to change.
 */
import { ConnectorError } from '../errors.js';
import type { CompanyInfo } from './codebase.js';
import { entityDefinition, type CwEntity } from './entities.js';

export type ConnectionProblemKind =
  | 'config' // the settings themselves are unusable
  | 'bad_url' // the address answers, but not as ConnectWise
  | 'unreachable'
  | 'timeout'
  | 'ssl_required'
  | 'unauthorized'
  | 'unknown_company'
  | 'forbidden'
  | 'rate_limited'
  | 'server_error'
  | 'invalid_response'
  | 'failed';

export interface ConnectionProblem {
  kind: ConnectionProblemKind;
  message: string;
  /** Trying again later may help (throttling, an outage); otherwise something must be changed first. */
  retryable: boolean;
  status?: number;
}

export interface EntityCheck {
  entity: CwEntity;
  label: string;
  /** The security-role permission reading this entity needs. */
  permission: string;
  status: 'ok' | 'forbidden' | 'failed' | 'not_checked';
  message?: string;
}

export interface ConnectionTestResult {
  ok: boolean;
  /** The problem that stopped the test, or the summary when no entity may be read. */
  problem?: ConnectionProblem;
  site?: { apiUrl: string; codebase: string; isCloud?: boolean; mappedFrom?: string };
  company?: { name?: string; isCloud?: boolean; codebase: string };
  entities: EntityCheck[];
}

export interface ConnectionTestDeps {
  site: () => ConnectionTestResult['site'];
  companyInfo: () => Promise<CompanyInfo>;
  /** Cloud: the lookup must work. Self-hosted: only an "unknown company" answer counts. */
  strictCompanyInfo: boolean;
  probe: (entity: CwEntity) => Promise<void>;
}

const KIND_MAP: Partial<Record<string, ConnectionProblemKind>> = {
  connection_reset: 'unreachable',
  budget_exhausted: 'rate_limited',
  not_found: 'bad_url',
  bad_request: 'failed',
  validation: 'failed',
};

export function problemOf(err: unknown): ConnectionProblem {
  if (!(err instanceof ConnectorError)) {
    return { kind: 'failed', message: `The test failed unexpectedly: ${String(err)}`, retryable: false };
  }
  const details = err.details as { problem?: unknown } | undefined;
  const kind: ConnectionProblemKind =
    details?.problem === 'bad_url' ? 'bad_url' : (KIND_MAP[err.kind] ?? (err.kind as ConnectionProblemKind));
  return {
    kind,
    message: err.message,
    retryable: err.retryable,
    ...(err.status !== undefined && { status: err.status }),
  };
}

function forbiddenMessage(check: EntityCheck): string {
  return `The API member may not read ${check.label}. In ConnectWise, open System › Security Roles, edit the API member's role and set "${check.permission}" to Inquire Level All.`;
}

/** The entities to test, none checked yet; an unknown name is a config error. */
export function uncheckedEntities(entities: readonly string[]): EntityCheck[] {
  return [...new Set(entities)].map((name) => {
    const definition = entityDefinition(name);
    return {
      entity: definition.name,
      label: definition.label,
      permission: definition.permission,
      status: 'not_checked',
    };
  });
}

export async function runConnectionTest(
  entities: readonly CwEntity[],
  deps: ConnectionTestDeps,
): Promise<ConnectionTestResult> {
  const checks = uncheckedEntities(entities);
  const result = (problem: ConnectionProblem | undefined, company?: CompanyInfo): ConnectionTestResult => {
    const site = deps.site();
    return {
      ok: problem === undefined && checks.every((c) => c.status === 'ok'),
      ...(problem !== undefined && { problem }),
      ...(site !== undefined && { site }),
      ...(company !== undefined && {
        company: {
          codebase: company.codebase,
          ...(company.companyName !== undefined && { name: company.companyName }),
          ...(company.isCloud !== undefined && { isCloud: company.isCloud }),
        },
      }),
      entities: checks,
    };
  };

  let company: CompanyInfo | undefined;
  try {
    company = await deps.companyInfo();
  } catch (err) {
    const problem = problemOf(err);
    // An older self-hosted server may not answer the lookup; its keys can still be tested.
    if (deps.strictCompanyInfo || problem.kind === 'unknown_company' || problem.kind === 'unreachable') {
      return result(problem);
    }
  }

  for (const check of checks) {
    try {
      await deps.probe(check.entity);
      check.status = 'ok';
    } catch (err) {
      const problem = problemOf(err);
      if (problem.kind === 'forbidden') {
        check.status = 'forbidden';
        check.message = forbiddenMessage(check);
        continue;
      }
      // Wrong keys, a wrong address or an outage fail every entity alike: stop at the first.
      check.status = 'failed';
      check.message = problem.message;
      return result(problem, company);
    }
  }

  const forbidden = checks.filter((c) => c.status === 'forbidden');
  if (forbidden.length > 0 && forbidden.length === checks.length) {
    const grants = forbidden.map((c) => `"${c.permission}"`).join(', ');
    return result(
      {
        kind: 'forbidden',
        message: `The API member may read none of ${forbidden.map((c) => c.label).join(', ')}. Grant ${grants} (Inquire Level All) to its security role. If the role already has them, check the clientId: ConnectWise also answers 403 to an unregistered one.`,
        retryable: false,
        status: 403,
      },
      company,
    );
  }
  if (forbidden.length > 0) {
    return result(
      {
        kind: 'forbidden',
        message: forbidden.map((c) => c.message).join(' '),
        retryable: false,
        status: 403,
      },
      company,
    );
  }
  return result(undefined, company);
}
