/**
 * `GET /login/companyinfo/{companyId}`: unauthenticated codebase discovery, outside `apis/3.0`. The body
 * is the vendor's example shape, `IsCloud` included as the string "True"/"False" it shows (clients should
 * also accept a boolean). An unknown company gets 200 with the body `null`.
 */
import { Router } from 'express';
import type { SimulatorState } from '../state/simulator-state.js';
import { sendJson } from './respond.js';

export function loginRouter(state: SimulatorState): Router {
  const router = Router({ caseSensitive: false });
  router.get('/login/companyinfo/:companyId', (req, res) => {
    const { config } = state;
    if (String(req.params.companyId).toLowerCase() !== config.companyId.toLowerCase()) {
      return sendJson(res, 200, null);
    }
    sendJson(res, 200, {
      CompanyName: `${config.companyId} (ConnectWise simulator)`,
      Codebase: config.codebase,
      VersionCode: `v${config.version}`,
      VersionNumber: `v4.6.${config.build}`,
      CompanyID: config.companyId,
      IsCloud: config.isCloud ? 'True' : 'False',
    });
  });
  return router;
}
