/**
 * Throttling and faults from the simulator surface as typed errors that say whether to retry; the client
 * itself never retries.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ConnectorError } from '../../connectors/errors.js';
import type { CallEvent } from '../../connectors/observer.js';
import { createConnectWiseClient, type ConnectWiseClient } from '../../connectors/connectwise/index.js';
import { simulatorSettings, startSimulator, type Simulator } from './support/simulator.js';

let sim: Simulator;
let client: ConnectWiseClient;
const events: CallEvent[] = [];

before(async () => {
  sim = await startSimulator({
    counts: { companies: 10, configurations: 10, catalog: 5, tickets: 5, agreements: 5 },
  });
  client = await createConnectWiseClient(simulatorSettings(sim), {
    timeoutMs: 2000,
    observer: (e) => events.push(e),
  });
});
after(async () => {
  await sim.close();
});

async function failure(promise: Promise<unknown>): Promise<ConnectorError> {
  try {
    await promise;
  } catch (err) {
    assert.ok(err instanceof ConnectorError, String(err));
    return err;
  }
  assert.fail('expected an error');
}

describe('faults', () => {
  it('429 is a retryable rate_limited error carrying retryAfterMs', async () => {
    sim.admin.setFaults({});
    sim.admin.setRequestsPerMinute(2);
    try {
      let err: ConnectorError | undefined;
      for (let i = 0; i < 5 && err === undefined; i += 1) {
        err = await client.count('companies').then(
          () => undefined,
          (e: unknown) => (e instanceof ConnectorError ? e : undefined),
        );
      }
      assert.ok(err, 'expected throttling within 5 calls');
      assert.equal(err.kind, 'rate_limited');
      assert.equal(err.status, 429);
      assert.equal(err.retryable, true);
      assert.ok((err.retryAfterMs ?? 0) > 0);
    } finally {
      sim.admin.setRequestsPerMinute(undefined);
    }
  });

  it('a non-JSON 429 from the edge is still rate_limited with a wait', async () => {
    sim.admin.setFaults({ nonJson429: 1 });
    const err = await failure(client.list('companies'));
    sim.admin.setFaults({});
    assert.equal(err.kind, 'rate_limited');
    assert.equal(err.retryable, true);
    assert.ok((err.retryAfterMs ?? 0) > 0);
  });

  for (const [fault, status] of [
    ['status500', 500],
    ['status502', 502],
  ] as const) {
    it(`${status} is a retryable server_error`, async () => {
      sim.admin.setFaults({ [fault]: 1 });
      const err = await failure(client.get('companies', 1));
      sim.admin.setFaults({});
      assert.equal(err.kind, 'server_error');
      assert.equal(err.status, status);
      assert.equal(err.retryable, true);
    });
  }

  it('a dropped connection is a retryable connection_reset', async () => {
    sim.admin.setFaults({ drop: 1 });
    const err = await failure(client.count('configurations'));
    sim.admin.setFaults({});
    assert.equal(err.kind, 'connection_reset');
    assert.equal(err.retryable, true);
    assert.equal(typeof events.at(-1)?.status, 'string');
  });

  it('a server that does not answer in time is a retryable timeout', async () => {
    sim.admin.setFaults({ timeout: 1 });
    const err = await failure(client.count('configurations'));
    sim.admin.setFaults({});
    assert.equal(err.kind, 'timeout');
    assert.equal(err.retryable, true);
    assert.equal(events.at(-1)?.status, 'ETIMEDOUT');
  });

  it('the observer saw every call, with path but no query string', () => {
    assert.ok(events.length >= 6);
    for (const e of events) {
      assert.equal(e.target, 'connectwise');
      assert.ok(!e.path.includes('?'));
    }
  });
});
