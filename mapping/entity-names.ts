/** The ConnectWise entities the service syncs, in the users' words. */
export const CW_ENTITY_NAMES = ['companies', 'configurations', 'catalog', 'tickets', 'agreements'] as const;
export type CwEntityName = (typeof CW_ENTITY_NAMES)[number];
