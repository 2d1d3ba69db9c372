/** The simulator's public types: what tests, the benchmark and the demo program against. */

export type CwEntity = 'companies' | 'configurations' | 'catalog' | 'tickets' | 'agreements';

export const CW_ENTITIES: readonly CwEntity[] = [
  'companies',
  'configurations',
  'catalog',
  'tickets',
  'agreements',
];

/** Probabilities (0..1) drawn once per API request; admin requests are never faulted. */
export interface CwFaultRates {
  status500?: number;
  status502?: number;
  timeout?: number;
  drop?: number;
  nonJson429?: number;
}

export interface ConnectWiseSimulatorOptions {
  host?: string;
  port?: number;
  seed?: number;
  counts?: Partial<Record<CwEntity, number>>;
  companyId?: string;
  publicKey?: string;
  privateKey?: string;
  clientId?: string;
  codebase?: string;
  isCloud?: boolean;
  forbidden?: CwEntity[];
  latencyMs?: number;
  requestsPerMinute?: number;
  faults?: CwFaultRates;
}

export type CwRecord = Record<string, unknown>;

export interface CwStats {
  requests: number;
  byStatus: Record<string, number>;
  byEntity: Record<string, number>;
}

export interface ConnectWiseSimulatorAdmin {
  create(entity: CwEntity, record: CwRecord): CwRecord;
  update(entity: CwEntity, id: number, patch: CwRecord): CwRecord;
  remove(entity: CwEntity, id: number): boolean;
  get(entity: CwEntity, id: number): CwRecord | undefined;
  all(entity: CwEntity): CwRecord[];
  setFaults(faults: CwFaultRates): void;
  setLatency(ms: number): void;
  setRequestsPerMinute(n: number | undefined): void;
  stats(): CwStats;
  resetStats(): void;
}

export interface ConnectWiseSimulator {
  url: string;
  port: number;
  options: Required<
    Pick<ConnectWiseSimulatorOptions, 'companyId' | 'publicKey' | 'privateKey' | 'clientId' | 'codebase'>
  >;
  admin: ConnectWiseSimulatorAdmin;
  close(): Promise<void>;
}
