/**
 * The worker's own account of its memory (process.memoryUsage over IPC), sampled every second during a run
 * and kept at the sample with the highest RSS: how much of the RSS is V8 heap, how much external buffers
 * and array buffers, and the rest, which is native (the Temporal core, SQLite, the tsx loader's thread).
 */
export interface MemoryBreakdown {
  rssBytes: number;
  heapTotalBytes: number;
  heapUsedBytes: number;
  externalBytes: number;
  arrayBuffersBytes: number;
  /** rss - heapTotal - external: memory outside V8's accounting. */
  nativeBytes: number;
}

const breakdown = (m: NodeJS.MemoryUsage): MemoryBreakdown => ({
  rssBytes: m.rss,
  heapTotalBytes: m.heapTotal,
  heapUsedBytes: m.heapUsed,
  externalBytes: m.external,
  arrayBuffersBytes: m.arrayBuffers,
  nativeBytes: Math.max(0, m.rss - m.heapTotal - m.external),
});

export function sampleHeap(
  read: () => Promise<NodeJS.MemoryUsage | undefined>,
  everyMs = 1000,
): { stop(): Promise<MemoryBreakdown | undefined> } {
  let top: NodeJS.MemoryUsage | undefined;
  const take = async () => {
    const m = await read();
    if (m && (!top || m.rss > top.rss)) top = m;
  };
  void take();
  const timer = setInterval(() => void take(), everyMs);
  return {
    async stop() {
      clearInterval(timer);
      await take();
      return top && breakdown(top);
    },
  };
}
