/** Everything the HTTP layer and the admin surface share for one running simulator. */
import type { CwEntity, CwFaultRates } from '../types.js';
import type { Rng } from '../data/rng.js';
import type { RecordBook } from './records.js';
import type { SlidingWindow } from './sliding-window.js';
import type { StatsRecorder } from './stats.js';

export interface SimulatorConfig {
  companyId: string;
  publicKey: string;
  privateKey: string;
  clientId: string;
  /** e.g. `v4_6_release/`: no leading slash, one trailing slash. */
  codebase: string;
  isCloud: boolean;
  /** The release the simulated server claims to run, e.g. `2025.1`. */
  version: string;
  /** The build in version strings such as `v2025.1.12345` and `v4.6.12345`. */
  build: number;
  forbidden: ReadonlySet<CwEntity>;
}

export interface Controls {
  faults: CwFaultRates;
  latencyMs: number;
  requestsPerMinute: number | undefined;
}

export interface SimulatorState {
  config: SimulatorConfig;
  book: RecordBook;
  stats: StatsRecorder;
  controls: Controls;
  requestWindow: SlidingWindow;
  /** Seeded, so a fault sequence repeats with the seed. */
  faultRandom: Rng;
  /** Timers holding delayed responses, cleared on close. */
  timers: Set<NodeJS.Timeout>;
}
