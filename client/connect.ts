import { Client, Connection } from '@temporalio/client';

export interface TemporalClient {
  connection: Connection;
  client: Client;
  namespace: string;
}

export async function connectTemporal(address: string, namespace: string): Promise<TemporalClient> {
  const connection = await Connection.connect({ address });
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
