/**
 * Command-line flags of `npm run sim:assetpanda`, turned into simulator options. Kept apart from cli.ts
 * so it can be tested without starting a process.
 */
import { parseArgs } from 'node:util';
import type { AssetPandaSimulatorOptions } from './types.js';

export const USAGE = `Usage: npm run sim:assetpanda -- [flags]

  --port <n>               listen port (default 4020; 0 = any free port)
  --host <addr>            listen address (default 127.0.0.1)
  --seed <n>               seed for object ids and fault draws (default 1)
  --latency <ms>           delay added to every API call (default 0)
  --calls-per-window <n>   calls per client IP per window (default 400; 0 = unlimited)
  --window-seconds <n>     length of that window (default 180)
  --date-format <fmt>      account date format, dayjs tokens (default MM/DD/YYYY)
  --object-shape <s>       data | flat | both: where field values appear in object JSON (default data)
  --search-path <p>        search/objects | objects/search | both (default both)
  --token-path <p>         session/token | session-token | both (default both)
  --token-ttl <s>          session token lifetime in seconds (default 3600)
  --fault-timing <t>       before | after | both: when faults strike; 'after' lets a write happen and
                           loses its answer (default before; set rates with PUT /__admin/faults)
  --help                   this text`;

export class CliError extends Error {
  override name = 'CliError';
}

function integer(name: string, raw: string | undefined, min = 0): number | undefined {
  if (raw === undefined) return undefined;
  if (!/^\d+$/.test(raw) || Number(raw) < min)
    throw new CliError(`--${name} must be an integer >= ${min}, got "${raw}"`);
  return Number(raw);
}

function oneOf<T extends string>(
  name: string,
  raw: string | undefined,
  allowed: readonly T[],
): T | undefined {
  if (raw === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(raw)) {
    throw new CliError(`--${name} must be one of ${allowed.join(', ')}, got "${raw}"`);
  }
  return raw as T;
}

export type CliCommand = { help: true } | { help: false; options: AssetPandaSimulatorOptions };

export function parseCliArgs(argv: string[]): CliCommand {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        seed: { type: 'string' },
        latency: { type: 'string' },
        'calls-per-window': { type: 'string' },
        'window-seconds': { type: 'string' },
        'date-format': { type: 'string' },
        'object-shape': { type: 'string' },
        'search-path': { type: 'string' },
        'token-path': { type: 'string' },
        'token-ttl': { type: 'string' },
        'fault-timing': { type: 'string' },
        help: { type: 'boolean' },
      },
    }));
  } catch (err) {
    throw new CliError((err as Error).message);
  }
  if (values.help) return { help: true };
  const options: AssetPandaSimulatorOptions = {
    host: values.host ?? '127.0.0.1',
    port: integer('port', values.port) ?? 4020,
    seed: integer('seed', values.seed),
    latencyMs: integer('latency', values.latency),
    callsPerWindow: integer('calls-per-window', values['calls-per-window']),
    windowSeconds: integer('window-seconds', values['window-seconds'], 1),
    dateFormat: values['date-format'],
    objectShape: oneOf('object-shape', values['object-shape'], ['data', 'flat', 'both'] as const),
    searchPath: oneOf('search-path', values['search-path'], [
      'search/objects',
      'objects/search',
      'both',
    ] as const),
    tokenPath: oneOf('token-path', values['token-path'], ['session/token', 'session-token', 'both'] as const),
    tokenTtlSeconds: integer('token-ttl', values['token-ttl'], 1),
    faultTiming: oneOf('fault-timing', values['fault-timing'], ['before', 'after', 'both'] as const),
  };
  // Unset flags must not override the simulator's defaults with undefined.
  for (const key of Object.keys(options) as Array<keyof AssetPandaSimulatorOptions>) {
    if (options[key] === undefined) delete options[key];
  }
  return { help: false, options };
}
