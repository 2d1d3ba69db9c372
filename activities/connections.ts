/**
 * Connector clients per integration, built inside the worker from the store (secrets are decrypted here
 * and nowhere else) and cached while the integration is unchanged, so tokens and discovered codebases are
 * reused across activities. Every client takes the shared call budget of its API and reports its calls
 * to the metrics.
 */
import { Context } from '@temporalio/activity';
import { createAssetPandaClient, type AssetPandaClient } from '../connectors/assetpanda/index.js';
import type { CallBudget } from '../connectors/call-budget.js';
import { createConnectWiseClient, type ConnectWiseClient } from '../connectors/connectwise/index.js';
import type { ConnectorTarget } from '../connectors/errors.js';
import type { CallObserver } from '../connectors/observer.js';
import type { Integration, IntegrationSecrets } from '../store/integrations.js';
import type { Store } from '../store/index.js';
import { fatal } from './failures.js';

export interface BudgetFactory {
  /** One budget per key: all calls to one API host share it, across activities (and workers, on PostgreSQL). */
  (target: ConnectorTarget, key: string): CallBudget;
}

export interface ConnectionOptions {
  budgets: BudgetFactory;
  observer?: CallObserver;
  timeoutMs?: number;
}

/** Settings for the ConnectWise client, from an integration's public part and its secrets. */
export function connectWiseSettingsOf(
  integration: Pick<Integration, 'connectwise'>,
  secrets: IntegrationSecrets,
) {
  const cw = integration.connectwise;
  return {
    url: cw.url,
    companyId: cw.companyId,
    clientId: cw.clientId,
    selfHosted: cw.selfHosted,
    publicKey: secrets.connectwise.publicKey,
    privateKey: secrets.connectwise.privateKey,
    ...(cw.codebase ? { codebase: cw.codebase } : {}),
    ...(cw.apiVersion ? { apiVersion: cw.apiVersion } : {}),
  };
}

export function assetPandaSettingsOf(
  integration: Pick<Integration, 'assetPanda'>,
  secrets: IntegrationSecrets,
) {
  const ap = integration.assetPanda;
  const credentials =
    ap.authMode === 'token'
      ? { token: secrets.assetPanda.token }
      : { email: ap.email, password: secrets.assetPanda.password };
  return { baseUrl: ap.url, ...credentials, ...(ap.dateFormat ? { dateFormat: ap.dateFormat } : {}) };
}

export const connectWiseBudgetKey = (integration: Pick<Integration, 'connectwise'>) =>
  `connectwise:${integration.connectwise.url.toLowerCase()}:${integration.connectwise.companyId.toLowerCase()}`;
/** Asset Panda counts calls per client IP, so every account on one API host shares one budget. */
export const assetPandaBudgetKey = (integration: Pick<Integration, 'assetPanda'>) =>
  `assetpanda:${new URL(integration.assetPanda.url).host.toLowerCase()}`;

/** Heartbeats while a call waits for its budget, when called inside an activity. */
export function heartbeatIfInActivity(): void {
  try {
    Context.current().heartbeat();
  } catch {
    // not inside an activity (API process)
  }
}

export class Connections {
  private readonly cw = new Map<string, { stamp: string; client: Promise<ConnectWiseClient> }>();
  private readonly ap = new Map<string, { stamp: string; client: AssetPandaClient }>();

  constructor(
    private readonly store: Store,
    private readonly options: ConnectionOptions,
  ) {}

  private async load(
    integrationId: string,
  ): Promise<{ integration: Integration; secrets: IntegrationSecrets }> {
    const integration = await this.store.integrations.get(integrationId);
    if (!integration) throw fatal('NotFound', `integration ${integrationId} does not exist`);
    const secrets = await this.store.integrations.loadSecrets(integrationId);
    if (!secrets) throw fatal('NotFound', `integration ${integrationId} does not exist`);
    return { integration, secrets };
  }

  async integration(integrationId: string): Promise<Integration> {
    return (await this.load(integrationId)).integration;
  }

  async connectwise(integrationId: string): Promise<ConnectWiseClient> {
    const { integration, secrets } = await this.load(integrationId);
    const cached = this.cw.get(integrationId);
    if (cached && cached.stamp === integration.updatedAt) return cached.client;
    const client = createConnectWiseClient(connectWiseSettingsOf(integration, secrets), {
      budget: this.options.budgets('connectwise', connectWiseBudgetKey(integration)),
      ...(this.options.observer ? { observer: this.options.observer } : {}),
      ...(this.options.timeoutMs ? { timeoutMs: this.options.timeoutMs } : {}),
    });
    // A failed discovery must not stay cached.
    client.catch(() => this.cw.delete(integrationId));
    this.cw.set(integrationId, { stamp: integration.updatedAt, client });
    return client;
  }

  async assetpanda(integrationId: string): Promise<AssetPandaClient> {
    const { integration, secrets } = await this.load(integrationId);
    const cached = this.ap.get(integrationId);
    if (cached && cached.stamp === integration.updatedAt) return cached.client;
    const client = createAssetPandaClient(assetPandaSettingsOf(integration, secrets), {
      budget: this.options.budgets('assetpanda', assetPandaBudgetKey(integration)),
      ...(this.options.observer ? { observer: this.options.observer } : {}),
      ...(this.options.timeoutMs ? { timeoutMs: this.options.timeoutMs } : {}),
    });
    this.ap.set(integrationId, { stamp: integration.updatedAt, client });
    return client;
  }
}
