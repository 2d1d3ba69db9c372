/**
 * `npm test`: the whole suite with node's own test runner.
 *  1. finds or installs the Temporal binaries (no download from Temporal's CDN);
 *  2. starts one in-memory Temporal dev server shared by all test files (each uses its own task queue);
 *  3. bundles the workflow code once;
 *  4. runs every test/**\/*.test.ts (or the files given as arguments) and exits with the runner's code.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { bundleWorkflowsTo } from './bundle-workflows.js';
import { startDevServer } from './dev-server.js';
import { ensureTemporalBinaries } from './temporal-binaries.js';

function findTests(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...findTests(path));
    else if (name.endsWith('.test.ts')) out.push(path);
  }
  return out.sort();
}

const requested = process.argv.slice(2);
const files = requested.length > 0 ? requested : findTests('test').map((f) => relative('.', f));
const binaries = ensureTemporalBinaries();
const workDir = mkdtempSync(join(tmpdir(), 'cw-ap-sync-test-'));

const server = await startDevServer({ cli: binaries.cli });
let code = 1;
try {
  const bundle = await bundleWorkflowsTo(join(workDir, 'workflow-bundle.js'));
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      '--test',
      '--test-reporter=spec',
      '--test-concurrency=2',
      // A hung test fails on its own, with its name, instead of holding CI until the job's limit.
      '--test-timeout=300000',
      ...files,
    ],
    {
      stdio: 'inherit',
      env: {
        ...process.env,
        TEMPORAL_CLI_PATH: binaries.cli,
        TEMPORAL_TEST_SERVER_PATH: binaries.testServer,
        TEMPORAL_TEST_ADDRESS: server.address,
        WORKFLOW_BUNDLE_PATH: bundle,
        TEST_WORK_DIR: workDir,
      },
    },
  );
  code = await new Promise<number>((resolve) =>
    child.on('exit', (c, signal) => resolve(c ?? (signal ? 1 : 0))),
  );
} finally {
  await server.stop();
  rmSync(workDir, { recursive: true, force: true });
}
process.exit(code);
