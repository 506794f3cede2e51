/**
 * What `keyhole explain` shows of one session's key schedule: the secrets and keys as they were
 * derived. Only filled for the one session being explained, since it holds key material.
 */
import type { ConnectionKeys } from '../crypto/key-schedule-tls12.js';
import type { Tls13Secrets } from '../secrets/keylog-labels.js';
import type { CipherSuiteInfo } from '../tls/tables/index.js';
import type { MasterDerivation } from './tls12-secrets.js';

export interface Tls12KeySchedule {
  readonly version: number;
  readonly suite: CipherSuiteInfo;
  readonly clientRandom: Uint8Array;
  readonly serverRandom: Uint8Array;
  readonly encryptedPreMaster: Uint8Array | undefined;
  readonly derivation: MasterDerivation;
  readonly masterSecret: Uint8Array;
  readonly masterSource: string;
  readonly keys: ConnectionKeys;
}

export interface Tls13TrafficKeys {
  readonly name: string;
  readonly secret: Uint8Array;
  readonly key: Uint8Array;
  readonly iv: Uint8Array;
}

export interface Tls13KeySchedule {
  readonly version: number;
  readonly suite: CipherSuiteInfo;
  readonly secrets: Tls13Secrets;
  readonly source: string;
  readonly traffic: Tls13TrafficKeys[];
}

export interface FirstRecord {
  readonly frame: number;
  readonly direction: 0 | 1;
  readonly ciphertextLength: number;
  readonly plaintext: Uint8Array;
}

export class ExplainTrace {
  readonly tls12: Tls12KeySchedule[] = [];
  tls13: Tls13KeySchedule | undefined;
  firstApplicationRecord: FirstRecord | undefined;
}
