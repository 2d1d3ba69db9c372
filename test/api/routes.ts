/**
 * Every route the API serves, as these tests exercise them. test/api/platform.test.ts checks this list
 * against the Express app and against /openapi.json, so a new route cannot go untested unnoticed.
 */
export interface RouteSpec {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Express notation. */
  path: string;
}

/** The routes declared through api/endpoint.ts (and therefore in the OpenAPI document). */
export const ENDPOINT_ROUTES: RouteSpec[] = [
  { method: 'POST', path: '/api/integrations' },
  { method: 'GET', path: '/api/integrations' },
  { method: 'GET', path: '/api/integrations/:id' },
  { method: 'PATCH', path: '/api/integrations/:id' },
  { method: 'DELETE', path: '/api/integrations/:id' },
  { method: 'POST', path: '/api/integrations/:id/test' },
  { method: 'GET', path: '/api/integrations/:id/catalog' },
  { method: 'GET', path: '/api/integrations/:id/mappings/:entity/proposal' },
  { method: 'PUT', path: '/api/integrations/:id/mappings/:entity' },
  { method: 'GET', path: '/api/integrations/:id/mappings/:entity' },
  { method: 'DELETE', path: '/api/integrations/:id/mappings/:entity' },
  { method: 'POST', path: '/api/integrations/:id/mappings/:entity/preview' },
  { method: 'POST', path: '/api/integrations/:id/runs' },
  { method: 'GET', path: '/api/runs' },
  { method: 'GET', path: '/api/runs/:runId' },
  { method: 'POST', path: '/api/runs/:runId/pause' },
  { method: 'POST', path: '/api/runs/:runId/resume' },
  { method: 'POST', path: '/api/runs/:runId/cancel' },
  { method: 'PUT', path: '/api/integrations/:id/schedules/:entity' },
  { method: 'GET', path: '/api/integrations/:id/schedules/:entity' },
  { method: 'DELETE', path: '/api/integrations/:id/schedules/:entity' },
  { method: 'POST', path: '/api/integrations/:id/schedules/:entity/pause' },
  { method: 'POST', path: '/api/integrations/:id/schedules/:entity/unpause' },
  { method: 'POST', path: '/api/integrations/:id/schedules/:entity/trigger' },
  { method: 'GET', path: '/api/schedules' },
  { method: 'GET', path: '/metrics' },
  { method: 'POST', path: '/api/diagnostics/roundtrip' },
];

/** Routes outside api/endpoint.ts that need the token. */
export const OTHER_AUTHENTICATED_ROUTES: RouteSpec[] = [{ method: 'GET', path: '/openapi.json' }];

/** The one route without a token (declared through api/endpoint.ts as well). */
export const PUBLIC_ROUTES: RouteSpec[] = [{ method: 'GET', path: '/healthz' }];

export const ALL_ROUTES = [...ENDPOINT_ROUTES, ...OTHER_AUTHENTICATED_ROUTES, ...PUBLIC_ROUTES];

export const routeKey = (r: RouteSpec) => `${r.method} ${r.path}`;

/** A concrete URL for a route, with placeholder values for its parameters. */
export const concretePath = (path: string) =>
  path.replace(':id', 'no-such-integration').replace(':entity', 'companies').replace(':runId', 'no-such-run');
