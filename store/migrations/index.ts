// Numbered migrations, imported statically so the compiled service carries them (no directory scans).
import type { Migration } from 'kysely';
import * as m001 from './001_initial.js';
import * as m002 from './002_sync_state.js';
import * as m003 from './003_schedules.js';

export const migrations: Record<string, Migration> = {
  '001_initial': m001,
  '002_sync_state': m002,
  '003_schedules': m003,
};
