import { activityInfo } from '@temporalio/activity';
export interface RoundTripResult {
  message: string;
  worker: string;
  storeOk: boolean;
}

export interface RoundTripDeps {
  /** Resolves when the store answers a trivial query. */
  pingStore: () => Promise<void>;
}

export function makeRoundTrip(deps: RoundTripDeps) {
  return async function roundTrip(message: string): Promise<RoundTripResult> {
    let storeOk = true;
    try {
      await deps.pingStore();
    } catch {
      storeOk = false;
    }
    return { message, worker: activityInfo().taskQueue + '@' + process.pid, storeOk };
  };
}
