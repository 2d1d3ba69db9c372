/**
 * API-only process for deployments where workers run separately (docker compose).
 */
import { connectTemporal } from '../client/connect.js';
import { ensureSearchAttributes } from '../client/search-attributes.js';
import { ConfigError } from '../config/env.js';
import { loadDotEnv, resolveSettings } from '../config/settings.js';
import { createLogger } from '../observability/logger.js';
import { openStore } from '../store/index.js';
import { buildApiContext } from './context-factory.js';
import { startApi } from './server.js';

loadDotEnv();
try {
  const settings = resolveSettings();
  const log = createLogger(settings.env.LOG_LEVEL);
  const temporal = await connectTemporal(settings.temporalAddress, settings.env.TEMPORAL_NAMESPACE);
  await ensureSearchAttributes(temporal.connection, temporal.namespace);
  const store = await openStore(settings.databaseUrl, settings.secretsKey);
  const api = await startApi(buildApiContext({ settings, temporal, store, log }));
  log.info({ url: api.url }, 'API listening');
  const stop = async () => {
    await api.close();
    await store.close();
    await temporal.connection.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => void stop());
} catch (err) {
  // A person reads this: the configuration problems, or what failed at start-up, without a stack trace.
  console.error(
    err instanceof ConfigError
      ? err.message
      : `start-up failed: ${err instanceof Error ? err.message : String(err)}`,
  );
  process.exit(1);
}
