/**
 * Everything the bench starts registers how to stop it here; `cleanUp()` stops it all in reverse order, on
 * success, on failure and on Ctrl-C (SIGINT/SIGTERM).
 *
 * Two backstops, because a clean-up can be cut short: child processes get a SIGKILL when this process
 * exits, and a detached reaper (a small shell loop) kills them and removes the temporary directory if this
 * process dies without exiting normally. That happens under tsx: when the bench's event loop is busy as a
 * signal arrives, tsx's CLI sends the signal again after 30 ms and then SIGKILLs the bench.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

const steps: Array<{ what: string; run: () => Promise<void> | void }> = [];
const children = new Set<ChildProcess>();
let cleaning: Promise<void> | undefined;
let pidFile: string | undefined;

export function onCleanUp(what: string, run: () => Promise<void> | void): void {
  steps.push({ what, run });
}

function writePids(): void {
  if (!pidFile) return;
  try {
    writeFileSync(pidFile, [...children].map((c) => c.pid).join(' '));
  } catch {
    // the directory is already gone (clean-up)
  }
}

/** A child process to SIGKILL at exit if its own clean-up step did not stop it. */
export function trackChild(child: ChildProcess): void {
  children.add(child);
  writePids();
  child.once('exit', () => {
    children.delete(child);
    writePids();
  });
}

/** Starts the reaper for this process: it waits for it to die, then kills the tracked children and removes `workDir`. */
export function startReaper(workDir: string): void {
  pidFile = join(workDir, 'children.pid');
  writePids();
  const script =
    'while kill -0 "$1" 2>/dev/null; do sleep 1; done; ' +
    'if [ -s "$2" ]; then kill -9 $(cat "$2") 2>/dev/null; fi; rm -rf "$3"';
  const reaper = spawn('sh', ['-c', script, 'bench-reaper', String(process.pid), pidFile, workDir], {
    detached: true,
    stdio: 'ignore',
  });
  reaper.unref();
  process.on('exit', () => reaper.kill('SIGKILL'));
}

/** True once clean-up has begun (after a signal, errors from closing resources are expected). */
export const stopping = (): boolean => cleaning !== undefined;

export function cleanUp(): Promise<void> {
  cleaning ??= (async () => {
    for (const step of steps.splice(0).reverse()) {
      try {
        await step.run();
      } catch (err) {
        console.error(`clean-up: ${step.what} failed: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
  })();
  return cleaning;
}

export function installSignalHandlers(): void {
  let signalled = false;
  const onSignal = (signal: NodeJS.Signals) => {
    // tsx relays a signal the bench already got: a repeat must not cut the clean-up short.
    if (signalled) return;
    signalled = true;
    process.exitCode = 130;
    console.error(`\n${signal}: stopping the worker, the dev server and the simulators...`);
    setTimeout(() => process.exit(130), 30_000).unref();
    void cleanUp().finally(() => process.exit(130));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  process.on('exit', () => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  });
}
