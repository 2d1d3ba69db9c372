/**
 * What the API shows of stored things. Secrets are replaced by a fixed mask: their presence is shown,
 * never their value or any part of it.
 */
import type { Integration } from '../store/integrations.js';
import { MASK } from './schemas.js';
import type { ConnectionTest } from './connection-test.js';

export function integrationView(integration: Integration, mappings: string[], test?: ConnectionTest) {
  const cw = integration.connectwise;
  const ap = integration.assetPanda;
  return {
    id: integration.id,
    name: integration.name,
    connectwise: {
      url: cw.url,
      companyId: cw.companyId,
      clientId: cw.clientId,
      selfHosted: cw.selfHosted,
      ...(cw.codebase ? { codebase: cw.codebase } : {}),
      ...(cw.apiVersion ? { apiVersion: cw.apiVersion } : {}),
      publicKey: MASK,
      privateKey: MASK,
    },
    assetPanda: {
      url: ap.url,
      authMode: ap.authMode,
      ...(ap.email ? { email: ap.email } : {}),
      ...(ap.authMode === 'password' ? { password: MASK } : { token: MASK }),
      ...(ap.dateFormat ? { dateFormat: ap.dateFormat } : {}),
    },
    mappings,
    createdAt: integration.createdAt,
    updatedAt: integration.updatedAt,
    ...(test ? { test: { ok: test.ok, connectwise: test.connectwise, assetPanda: test.assetPanda } } : {}),
  };
}
