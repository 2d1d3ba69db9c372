/**
 * There is no Docker engine on our machines, so the production compose file is checked by reading it:
 * the services exist, depend on each other in a startable order, and are wired to each other.
 */
import assert from 'node:assert/strict';
import { readFileSync, existsSync } from 'node:fs';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { z } from 'zod';
import { envSchema } from '../../config/env.js';
import { SEARCH_ATTRIBUTE_KEYS } from '../../workflows/search-attributes.js';

const service = z.object({
  image: z.string().optional(),
  build: z.unknown().optional(),
  command: z.array(z.string()).optional(),
  entrypoint: z.array(z.string()).optional(),
  environment: z.record(z.string(), z.unknown()).optional(),
  depends_on: z.record(z.string(), z.object({ condition: z.string() })).optional(),
  ports: z.array(z.string()).optional(),
  volumes: z.array(z.string()).optional(),
  container_name: z.string().optional(),
});
const composeSchema = z.object({
  services: z.record(z.string(), service),
  volumes: z.record(z.string(), z.unknown()).optional(),
});

// `docker compose` resolves ${VAR:-default} and ${VAR:?message}; do the same with an empty environment.
function interpolate(text: string, vars: Record<string, string>): string {
  return text.replace(/\$\{(\w+)(?::([-?])([^}]*))?\}/g, (_m, name: string, op?: string, arg?: string) => {
    if (vars[name]) return vars[name];
    if (op === '-') return arg ?? '';
    if (op === '?') throw new Error(`required variable ${name}: ${arg}`);
    return '';
  });
}

const raw = readFileSync('docker-compose.yml', 'utf8');
const compose = composeSchema.parse(
  parse(
    interpolate(raw, { API_TOKEN: 'x'.repeat(24), SECRETS_KEY: Buffer.alloc(32, 7).toString('base64') }),
    {
      merge: true,
    },
  ),
);
const services = compose.services;
const svc = (name: string) => {
  const s = services[name];
  assert.ok(s, `service ${name} is missing`);
  return s;
};

describe('docker-compose.yml', () => {
  it('refuses to start without API_TOKEN and SECRETS_KEY', () => {
    assert.throws(() => interpolate(raw, {}), /API_TOKEN|SECRETS_KEY/);
  });

  it('has PostgreSQL, Temporal with its schema job, the Web UI, the API and a scalable worker', () => {
    for (const name of [
      'postgresql',
      'temporal-schema',
      'temporal',
      'temporal-register',
      'temporal-ui',
      'api',
      'worker',
    ])
      svc(name);
    assert.equal(svc('worker').container_name, undefined, 'a container_name would prevent --scale worker=N');
    assert.equal(svc('worker').ports, undefined, 'host ports on the worker would prevent --scale worker=N');
  });

  it('starts services in an order that can work', () => {
    assert.equal(svc('temporal-schema').depends_on?.postgresql?.condition, 'service_healthy');
    assert.equal(
      svc('temporal').depends_on?.['temporal-schema']?.condition,
      'service_completed_successfully',
    );
    assert.equal(svc('temporal-register').depends_on?.temporal?.condition, 'service_healthy');
    assert.equal(svc('temporal-ui').depends_on?.temporal?.condition, 'service_healthy');
    for (const app of ['api', 'worker']) {
      assert.equal(svc(app).depends_on?.['temporal-register']?.condition, 'service_completed_successfully');
      assert.equal(svc(app).depends_on?.postgresql?.condition, 'service_healthy');
    }
    // every dependency names a real service
    for (const [name, s] of Object.entries(services))
      for (const dep of Object.keys(s.depends_on ?? {}))
        assert.ok(services[dep], `${name} depends on unknown ${dep}`);
  });

  it('publishes the Temporal frontend, the Web UI and the API', () => {
    assert.ok(svc('temporal').ports?.includes('7233:7233'));
    assert.ok(svc('temporal-ui').ports?.includes('8080:8080'));
    assert.ok(svc('api').ports?.includes('3000:3000'));
  });

  it('runs Temporal on PostgreSQL and points the UI at it', () => {
    const env = svc('temporal').environment ?? {};
    assert.equal(env.DB, 'postgres12');
    assert.equal(env.POSTGRES_SEEDS, 'postgresql');
    assert.equal(svc('temporal-ui').environment?.TEMPORAL_ADDRESS, 'temporal:7233');
  });

  it('gives the API and the workers a configuration our own schema accepts', () => {
    for (const app of ['api', 'worker']) {
      const env = Object.fromEntries(
        Object.entries(svc(app).environment ?? {}).map(([k, v]) => [k, String(v)]),
      );
      const parsed = envSchema.safeParse(env);
      assert.ok(parsed.success, `${app}: ${parsed.success ? '' : parsed.error.message}`);
      assert.equal(env.TEMPORAL_ADDRESS, 'temporal:7233');
      assert.match(env.DATABASE_URL ?? '', /^postgres:\/\/.*@postgresql:5432\/sync$/);
      assert.equal(env.NODE_ENV, 'production');
    }
    assert.deepEqual(svc('api').command, ['node', 'dist/api/main.js']);
    assert.deepEqual(svc('worker').command, ['node', 'dist/worker/main.js']);
  });

  it('mounts scripts that exist and registers every search attribute the service uses', () => {
    for (const s of Object.values(services))
      for (const volume of s.volumes ?? []) {
        const host = volume.split(':')[0] ?? '';
        if (host.startsWith('./')) assert.ok(existsSync(host), `${host} is mounted but missing`);
      }
    const register = readFileSync('deploy/temporal/register.sh', 'utf8');
    for (const key of SEARCH_ATTRIBUTE_KEYS) assert.match(register, new RegExp(`\\b${key.name}\\b`));
    assert.ok(existsSync('Dockerfile'));
  });
});
