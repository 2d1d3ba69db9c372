/**
 * The API's surface as a whole: health without a token, the token on every other route, the one error
 * shape for unknown routes, bad JSON and oversized bodies, the OpenAPI document, and the diagnostic
 * round trip.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import SwaggerParser from '@apidevtools/swagger-parser';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { createApp } from '../../api/app.js';
import { buildApiContext } from '../../api/context-factory.js';
import { createLogger } from '../../observability/logger.js';
import { startApiHarness, type ApiHarness } from '../support/api-harness.js';
import { devServer } from '../support/temporal.js';
import { assertError, closeHarness, problems } from './helpers.js';
import {
  ALL_ROUTES,
  ENDPOINT_ROUTES,
  OTHER_AUTHENTICATED_ROUTES,
  PUBLIC_ROUTES,
  concretePath,
  routeKey,
  type RouteSpec,
} from './routes.js';

/** The routes an Express app serves, found by walking its router stack (nested routers included). */
function expressRoutes(app: unknown): RouteSpec[] {
  interface Layer {
    route?: { path: string; methods: Record<string, boolean> };
    handle?: { stack?: Layer[] };
  }
  const out: RouteSpec[] = [];
  const walk = (stack: Layer[]) => {
    for (const layer of stack) {
      if (layer.route)
        for (const method of Object.keys(layer.route.methods))
          out.push({ method: method.toUpperCase() as RouteSpec['method'], path: layer.route.path });
      else if (layer.handle?.stack) walk(layer.handle.stack);
    }
  };
  walk((app as { router: { stack: Layer[] } }).router.stack);
  return out;
}

/** The express notation of an OpenAPI path: /a/{id} → /a/:id. */
const expressPath = (openApiPath: string) => openApiPath.replace(/\{(\w+)\}/g, ':$1');

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

describe('the API surface', () => {
  let env: TestWorkflowEnvironment;
  let h: ApiHarness;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the document is read freely
  let doc: any;
  before(async () => {
    env = await devServer();
    h = await startApiHarness(env);
    doc = (await h.call('GET', '/openapi.json')).body;
  });
  after(async () => {
    await closeHarness(h);
    await env?.teardown();
  });

  it('GET /healthz answers 200 without a token, with Temporal and the store ok', async () => {
    const res = await h.call('GET', '/healthz', undefined, { auth: false });
    assert.equal(res.status, 200);
    assert.deepEqual(res.body, { status: 'ok', temporal: 'ok', store: 'ok' });
  });

  it('GET /healthz ignores a wrong token', async () => {
    const res = await h.call('GET', '/healthz', undefined, { auth: 'wrong-token-0123456789' });
    assert.equal(res.status, 200);
  });

  describe('every route but /healthz needs the bearer token', () => {
    for (const route of [...ENDPOINT_ROUTES, ...OTHER_AUTHENTICATED_ROUTES]) {
      it(`${routeKey(route)} answers 401 without a token and with a wrong one`, async () => {
        const path = concretePath(route.path);
        assertError(await h.call(route.method, path, undefined, { auth: false }), 401, 'unauthorized');
        assertError(
          await h.call(route.method, path, undefined, { auth: 'wrong-token-0123456789' }),
          401,
          'unauthorized',
        );
      });
    }
  });

  it('a right token in another scheme (Basic) is refused with 401', async () => {
    const res = await h.call('GET', '/api/integrations', undefined, {
      auth: false,
      headers: { authorization: `Basic ${h.settings.apiToken}` },
    });
    assertError(res, 401, 'unauthorized');
  });

  it('an unknown route without a token answers 401 (nothing is revealed before auth)', async () => {
    assertError(await h.call('GET', '/api/nothing-here', undefined, { auth: false }), 401, 'unauthorized');
  });

  it('an unknown route answers 404 in the error shape', async () => {
    const error = assertError(await h.call('GET', '/api/nothing-here'), 404, 'not_found');
    assert.match(error.message, /GET \/api\/nothing-here/);
  });

  it('an unsupported method on a known path answers 404', async () => {
    assertError(await h.call('PUT', '/api/runs'), 404, 'not_found');
  });

  it('a body that is not JSON answers 400 invalid_json', async () => {
    assertError(
      await h.call('POST', '/api/integrations', undefined, { raw: '{"name": "Acme",' }),
      400,
      'invalid_json',
    );
  });

  it('a body over API_BODY_LIMIT (default 100kb) answers 413', async () => {
    const raw = JSON.stringify({ name: 'x'.repeat(101 * 1024) });
    assertError(await h.call('POST', '/api/integrations', undefined, { raw }), 413, 'payload_too_large');
  });

  it('a body just under API_BODY_LIMIT is read and validated', async () => {
    const raw = JSON.stringify({ name: 'x'.repeat(99 * 1024) });
    const error = assertError(
      await h.call('POST', '/api/integrations', undefined, { raw }),
      400,
      'invalid_request',
    );
    assert.ok(problems(error).some((p) => p.path === 'name'));
  });

  it('a route that needs a body refuses a request without one with 400, naming the missing fields', async () => {
    const error = assertError(await h.call('POST', '/api/integrations'), 400, 'invalid_request');
    assert.deepEqual(
      problems(error)
        .map((p) => p.path)
        .sort(),
      ['assetPanda', 'connectwise', 'name'],
    );
  });

  it('GET /openapi.json is an OpenAPI 3.1 document with bearer auth', async () => {
    assert.equal(doc.openapi, '3.1.0');
    assert.equal(typeof doc.info.title, 'string');
    assert.equal(typeof doc.info.version, 'string');
    assert.deepEqual(doc.components.securitySchemes.bearerAuth, {
      type: 'http',
      scheme: 'bearer',
      description: 'The API_TOKEN of the service',
    });
  });

  it('GET /openapi.json passes an OpenAPI 3.1 validator (schema and references)', async () => {
    // The validator resolves references in place: give it a copy.
    const checked = await SwaggerParser.validate(structuredClone(doc) as never);
    assert.equal((checked as { openapi?: string }).openapi, '3.1.0');
  });

  it('every operation in /openapi.json has a summary, its path parameters, and bearer security with a 401 unless public', async () => {
    const open = new Set(PUBLIC_ROUTES.map(routeKey));
    for (const [path, item] of Object.entries<Record<string, Record<string, unknown>>>(doc.paths)) {
      const params = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      for (const [method, op] of Object.entries(item)) {
        const where = `${method.toUpperCase()} ${path}`;
        assert.ok(METHODS.includes(method), where);
        assert.equal(typeof op.summary, 'string', where);
        const responses = op.responses as Record<string, unknown>;
        if (open.has(`${method.toUpperCase()} ${expressPath(path)}`))
          assert.deepEqual(op.security, [], where);
        else {
          assert.deepEqual(op.security, [{ bearerAuth: [] }], where);
          assert.ok(responses['401'], `${where} documents 401`);
        }
        assert.ok(
          Object.keys(responses).some((s) => s.startsWith('2')),
          `${where} documents a success response`,
        );
        const declared = ((op.parameters ?? []) as Array<{ in: string; name: string; required?: boolean }>)
          .filter((p) => p.in === 'path')
          .map((p) => {
            assert.equal(p.required, true, `${where}: path parameter ${p.name} is required`);
            return p.name;
          });
        assert.deepEqual(declared.sort(), [...params].sort(), `${where} declares its path parameters`);
      }
    }
  });

  it('every $ref in /openapi.json resolves to a component', async () => {
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"([^"]+)"/g)].map((m) => m[1] as string);
    assert.ok(refs.length > 0);
    for (const ref of refs) {
      const [, section, name] = /^#\/components\/(\w+)\/(.+)$/.exec(ref) ?? [];
      assert.ok(section && name && doc.components[section]?.[name], `${ref} resolves`);
    }
  });

  it('/openapi.json lists exactly the routes declared through api/endpoint.ts', async () => {
    const documented = Object.entries<Record<string, unknown>>(doc.paths).flatMap(([path, item]) =>
      Object.keys(item).map((m) => `${m.toUpperCase()} ${expressPath(path)}`),
    );
    assert.deepEqual(documented.sort(), [...ENDPOINT_ROUTES, ...PUBLIC_ROUTES].map(routeKey).sort());
  });

  it('the Express app serves exactly the routes these tests exercise', async () => {
    const app = createApp(
      buildApiContext({
        settings: h.settings,
        temporal: h.temporal,
        store: h.store,
        log: createLogger('silent'),
      }),
    );
    assert.deepEqual(expressRoutes(app).map(routeKey).sort(), ALL_ROUTES.map(routeKey).sort());
  });

  it('/openapi.json lists every route declared in api/routes (including /healthz and the diagnostic round trip)', async () => {
    const documented = new Set(
      Object.entries<Record<string, unknown>>(doc.paths).flatMap(([path, item]) =>
        Object.keys(item).map((m) => `${m.toUpperCase()} ${expressPath(path)}`),
      ),
    );
    const missing = [...PUBLIC_ROUTES, ...OTHER_AUTHENTICATED_ROUTES]
      .filter((r) => r.path !== '/openapi.json')
      .map(routeKey)
      .filter((k) => !documented.has(k));
    assert.deepEqual(missing, []);
  });

  it('POST /api/diagnostics/roundtrip runs a workflow through the worker and returns its result', async () => {
    const res = await h.call('POST', '/api/diagnostics/roundtrip', { message: 'hello' });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body.result.message, 'hello');
    assert.equal(res.body.result.storeOk, true);
    assert.match(res.body.webUiUrl, new RegExp(`/workflows/${res.body.workflowId}$`));
  });

  it('POST /api/diagnostics/roundtrip refuses a message over 200 characters with 400', async () => {
    const error = assertError(
      await h.call('POST', '/api/diagnostics/roundtrip', { message: 'x'.repeat(201) }),
      400,
      'invalid_request',
    );
    assert.deepEqual(
      problems(error).map((p) => p.path),
      ['message'],
    );
  });
});
