/**
 * `npm run sim:assetpanda`: runs the simulator in the foreground with the demo groups and prints how to
 * reach it. Ctrl-C stops it.
 */
import { CliError, parseCliArgs, USAGE } from './cli-args.js';
import { resolveOptions } from './context.js';
import { startAssetPandaSimulator } from './server.js';

let command;
try {
  command = parseCliArgs(process.argv.slice(2));
} catch (err) {
  if (!(err instanceof CliError)) throw err;
  console.error(`${err.message}\n\n${USAGE}`);
  process.exit(2);
}
if (command.help) {
  console.log(USAGE);
  process.exit(0);
}

const sim = await startAssetPandaSimulator(command.options);
const resolved = resolveOptions(command.options);
const user = resolved.users[0]!;
const budget =
  resolved.callsPerWindow === undefined
    ? 'unlimited'
    : `${resolved.callsPerWindow} calls per ${resolved.windowSeconds} s per IP`;
console.log(`Asset Panda simulator listening on ${sim.url}
  API:         ${sim.url}/v3
  admin:       ${sim.url}/__admin/stats (no auth, not counted)
  credentials: ${user.email} / ${user.password}
  token:       curl -s -X POST ${sim.url}/v3/session/token -H 'content-type: application/json' \\
                 -d '{"email":"${user.email}","password":"${user.password}"}'
  groups:      ${sim.admin
    .groups()
    .map((g) => `${g.id} ${g.name}`)
    .join(', ')}
  date format: ${resolved.dateFormat}; object shape: ${resolved.objectShape}; budget: ${budget}
  faults:      off; set rates with PUT ${sim.url}/__admin/faults (timing: ${resolved.faultTiming})`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void sim.close().then(() => process.exit(0));
  });
}
