/**
 * What Linux says about a process: resident memory now (VmRSS), its peak (VmHWM, which writing "5" to
 * /proc/<pid>/clear_refs resets to the current RSS, so each run gets its own peak) and CPU time used.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';

export interface Memory {
  rssBytes: number;
  peakBytes: number;
}

function statusField(status: string, name: string): number | undefined {
  const kb = new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1];
  return kb === undefined ? undefined : Number(kb) * 1024;
}

export function readMemory(pid: number): Memory | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const rssBytes = statusField(status, 'VmRSS');
    const peakBytes = statusField(status, 'VmHWM');
    return rssBytes === undefined || peakBytes === undefined ? undefined : { rssBytes, peakBytes };
  } catch {
    return undefined; // gone, or not Linux
  }
}

/** Resets VmHWM to the current RSS; false when the kernel refuses (then peaks count from process start). */
export function resetPeak(pid: number): boolean {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

let ticksPerSecond: number | undefined;
function clockTicks(): number {
  if (ticksPerSecond === undefined) {
    try {
      ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      ticksPerSecond = 100;
    }
  }
  return ticksPerSecond;
}

/** User + system CPU seconds the process has used so far (undefined when it cannot be read). */
export function cpuSeconds(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces) start at field 3; utime and stime are 14 and 15.
    const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(rest[11]) + Number(rest[12])) / clockTicks();
  } catch {
    return undefined;
  }
}

/** Samples VmRSS every `everyMs` (a cross-check of VmHWM, and the peak where VmHWM cannot be reset). */
export function sampleRss(pid: number, everyMs = 200): { stop(): number } {
  let max = readMemory(pid)?.rssBytes ?? 0;
  const timer = setInterval(() => {
    max = Math.max(max, readMemory(pid)?.rssBytes ?? 0);
  }, everyMs);
  return {
    stop() {
      clearInterval(timer);
      return Math.max(max, readMemory(pid)?.rssBytes ?? 0);
    },
  };
}
