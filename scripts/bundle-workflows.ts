/**
 * Pre-bundles the workflow code (production workers and the test suite load the bundle instead of
 * running webpack at every start). Usage: tsx scripts/bundle-workflows.ts <out-file>
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleWorkflowCode } from '@temporalio/worker';
import { workflowsPath } from '../worker/create-worker.js';

export async function bundleWorkflowsTo(outFile: string): Promise<string> {
  const { code } = await bundleWorkflowCode({ workflowsPath: workflowsPath(), logger: quietLogger });
  mkdirSync(dirname(outFile), { recursive: true });
  writeFileSync(outFile, code);
  return outFile;
}

const noop = () => undefined;
const quietLogger = {
  trace: noop,
  debug: noop,
  info: noop,
  warn: console.warn,
  error: console.error,
  log: noop,
};

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const out = process.argv[2];
  if (!out) {
    console.error('usage: tsx scripts/bundle-workflows.ts <out-file>');
    process.exit(2);
  }
  await bundleWorkflowsTo(resolve(out));
  console.log(`workflow bundle written to ${out}`);
}
