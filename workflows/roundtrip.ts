/**
 * A diagnostic workflow: one activity that answers from the worker and touches the store. Started through
 * the API (`POST /api/diagnostics/roundtrip`), it proves API → client → server → worker → activity → result.
 */
import { proxyActivities } from '@temporalio/workflow';
import type { SyncActivities } from '../activities/index.js';
import type { RoundTripResult } from '../activities/roundtrip.js';

const { roundTrip } = proxyActivities<SyncActivities>({
  startToCloseTimeout: '10 seconds',
  retry: { maximumAttempts: 3 },
});

export async function roundTripWorkflow(message: string): Promise<RoundTripResult> {
  return await roundTrip(message);
}
