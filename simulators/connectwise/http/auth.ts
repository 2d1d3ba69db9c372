/**
 * Authentication and authorisation of API calls, in the order the checks are made:
 *  1. HTTP Basic `companyId+publicKey:privateKey` (company id case-insensitive, keys exact) or 401;
 *  2. a `clientId` header naming the registered GUID or 403 (what a self-hosted server reports);
 *  3. the API member's role may read the entity or 403.
 */
import type { RequestHandler } from 'express';
import { ApiError } from '../api-error.js';
import { ENTITIES } from '../schema/entities.js';
import type { CwEntity } from '../types.js';
import type { SimulatorConfig } from '../state/simulator-state.js';

function credentialsMatch(header: string | undefined, config: SimulatorConfig): boolean {
  const match = /^basic\s+(\S+)\s*$/i.exec(header ?? '');
  if (!match) return false;
  const decoded = Buffer.from(match[1] as string, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return false;
  const user = decoded.slice(0, colon);
  const password = decoded.slice(colon + 1);
  const plus = user.indexOf('+');
  if (plus < 0) return false;
  return (
    user.slice(0, plus).toLowerCase() === config.companyId.toLowerCase() &&
    user.slice(plus + 1) === config.publicKey &&
    password === config.privateKey
  );
}

export function authenticate(config: SimulatorConfig): RequestHandler {
  return (req, res, next) => {
    if (!credentialsMatch(req.get('authorization'), config)) {
      throw new ApiError(
        401,
        'Unauthorized',
        'The authentication credentials are invalid: expected Basic companyId+publicKey:privateKey.',
      );
    }
    const clientId = req.get('clientid');
    if (!clientId || clientId.trim().toLowerCase() !== config.clientId.toLowerCase()) {
      throw new ApiError(
        403,
        'Forbidden',
        clientId
          ? `The clientId ${clientId} is not registered for this integration.`
          : 'A clientId header is required. Register a clientId at developer.connectwise.com.',
      );
    }
    const entity = res.locals.entity as CwEntity | undefined;
    if (entity && config.forbidden.has(entity)) {
      throw new ApiError(
        403,
        'Forbidden',
        `You do not have access to ${ENTITIES[entity].label} records (${ENTITIES[entity].path}). ` +
          "Ask your administrator to add the Inquire level to the API member's security role.",
      );
    }
    next();
  };
}
