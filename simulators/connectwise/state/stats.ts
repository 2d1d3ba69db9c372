/** Counts of API requests (admin requests are not counted): by status, or `timeout`/`drop` for faults. */
import type { CwStats } from '../types.js';

export class StatsRecorder {
  private requests = 0;
  private byStatus = new Map<string, number>();
  private byEntity = new Map<string, number>();

  record(outcome: number | 'timeout' | 'drop', entity?: string): void {
    this.requests++;
    const key = String(outcome);
    this.byStatus.set(key, (this.byStatus.get(key) ?? 0) + 1);
    if (entity) this.byEntity.set(entity, (this.byEntity.get(entity) ?? 0) + 1);
  }

  snapshot(): CwStats {
    return {
      requests: this.requests,
      byStatus: Object.fromEntries(this.byStatus),
      byEntity: Object.fromEntries(this.byEntity),
    };
  }

  reset(): void {
    this.requests = 0;
    this.byStatus = new Map();
    this.byEntity = new Map();
  }
}
