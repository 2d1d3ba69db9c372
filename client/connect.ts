import { Client, Connection } from '@temporalio/client';

export interface TemporalClient {
  connection: Connection;
  client: Client;
  namespace: string;
}

export async function connectTemporal(address: string, namespace: string): Promise<TemporalClient> {
  let connection: Connection;
  try {
    connection = await Connection.connect({ address });
  } catch (err) {
    throw new Error(
      `cannot reach Temporal at ${address} (${err instanceof Error ? err.message : String(err)}); check TEMPORAL_ADDRESS`,
    );
  }
  return { connection, client: new Client({ connection, namespace }), namespace };
}

/** Waits until a Temporal frontend at `address` answers, for servers we just spawned. */
export async function waitForTemporal(address: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const connection = await Connection.connect({ address, connectTimeout: 1000 });
      await connection.workflowService.getSystemInfo({});
      await connection.close();
      return;
    } catch (err) {
      lastError = err;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  throw new Error(`Temporal at ${address} did not answer within ${timeoutMs} ms: ${String(lastError)}`);
}
