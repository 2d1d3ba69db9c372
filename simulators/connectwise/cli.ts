/**
 * `npm run sim:connectwise -- [flags]`: runs the simulator until Ctrl-C and prints where it listens and
 * the credentials to use. Flags are listed in README.md (and by --help).
 */
import { parseArgs } from 'node:util';
import type { ConnectWiseSimulatorOptions, CwEntity } from './types.js';
import { startConnectWiseSimulator } from './server.js';

const USAGE = `Usage: npm run sim:connectwise -- [flags]
  --host <addr>            interface to listen on (default 127.0.0.1)
  --port <n>               port (default 0 = a free port)
  --seed <n>               data seed (default 1)
  --companies <n>          number of companies (default 25)
  --configurations <n>     number of configurations (default 100)
  --catalog <n>            number of catalog items (default 40)
  --tickets <n>            number of tickets (default 60)
  --agreements <n>         number of agreements (default 20)
  --codebase <segment>     e.g. v4_6_release/ (default, self-hosted) or v2025_1/ (cloud-like)
  --latency <ms>           delay before every API response (default 0)
  --rpm <n>                requests per minute before 429 (default unlimited)
  --company-id <id>        login company id (default demo)
  --public-key <key>       (default demo-public)
  --private-key <key>      (default demo-private)
  --client-id <guid>       the registered clientId (default 3a5b2c1d-0000-4000-8000-00000000c0de)
  --help                   this text`;

const { values } = parseArgs({
  options: {
    host: { type: 'string' },
    port: { type: 'string' },
    seed: { type: 'string' },
    companies: { type: 'string' },
    configurations: { type: 'string' },
    catalog: { type: 'string' },
    tickets: { type: 'string' },
    agreements: { type: 'string' },
    codebase: { type: 'string' },
    latency: { type: 'string' },
    rpm: { type: 'string' },
    'company-id': { type: 'string' },
    'public-key': { type: 'string' },
    'private-key': { type: 'string' },
    'client-id': { type: 'string' },
    help: { type: 'boolean' },
  },
  strict: true,
});

if (values.help) {
  console.log(USAGE);
  process.exit(0);
}

function integer(flag: string, raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  if (!/^-?\d+$/.test(raw)) {
    console.error(`--${flag}: expected a whole number, got '${raw}'\n\n${USAGE}`);
    process.exit(2);
  }
  return Number(raw);
}

const counts: Partial<Record<CwEntity, number>> = {};
for (const entity of ['companies', 'configurations', 'catalog', 'tickets', 'agreements'] as const) {
  const n = integer(entity, values[entity]);
  if (n !== undefined) counts[entity] = n;
}

const options: ConnectWiseSimulatorOptions = {
  host: values.host,
  port: integer('port', values.port),
  seed: integer('seed', values.seed),
  counts,
  codebase: values.codebase,
  latencyMs: integer('latency', values.latency),
  requestsPerMinute: integer('rpm', values.rpm),
  companyId: values['company-id'],
  publicKey: values['public-key'],
  privateKey: values['private-key'],
  clientId: values['client-id'],
};
// Absent flags must not override the defaults with undefined.
for (const key of Object.keys(options) as (keyof ConnectWiseSimulatorOptions)[]) {
  if (options[key] === undefined) delete options[key];
}

try {
  const sim = await startConnectWiseSimulator(options);
  const { companyId, publicKey, privateKey, clientId, codebase } = sim.options;
  console.log(`ConnectWise Manage simulator listening on ${sim.url}
  API base      ${sim.url}/${codebase}apis/3.0
  company id    ${companyId}
  public key    ${publicKey}
  private key   ${privateKey}
  clientId      ${clientId}
  companyinfo   ${sim.url}/login/companyinfo/${companyId}
  admin         ${sim.url}/__admin/  (unauthenticated; see simulators/connectwise/README.md)
Press Ctrl-C to stop.`);
  const stop = () => {
    void sim.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
}
