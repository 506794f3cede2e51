/**
 * pcapng Decryption Secrets Blocks (draft-ietf-opsawg-pcapng 4.7; Wireshark wiretap/secrets-types.h):
 * a secrets type and opaque data. Type "TLSK" carries NSS key log text; keyhole decrypts TLS only,
 * so every other type is reported as unused rather than silently dropped.
 */
import { diagnostic } from '../diagnostics.js';
import type { Diagnostic } from '../diagnostics.js';
import { parseKeyLog } from './keylog.js';
import type { KeyLogBatch } from './keylog.js';

export const DSB_SECRETS_TYPES = {
  0x544c534b: { name: 'TLS key log', tls: true },
  0x5353484b: { name: 'SSH key log', tls: false },
  0x57474b4c: { name: 'WireGuard key log', tls: false },
  0x5a4e574b: { name: 'Zigbee NWK key', tls: false },
  0x5a415053: { name: 'Zigbee APS key', tls: false },
  0x55414b4c: { name: 'OPC UA key log', tls: false },
  0x45535053: { name: 'ESP SA key', tls: false },
} as const satisfies Record<number, { name: string; tls: boolean }>;

/** The fields of a Decryption Secrets Block the capture reader hands over. */
export interface DecryptionSecretsBlock {
  readonly type: number;
  readonly data: Uint8Array;
  /** The number of the last frame read before the block. */
  readonly afterFrame: number;
}

export type DsbContents = { readonly kind: 'tls-key-log'; readonly batch: KeyLogBatch } | { readonly kind: 'unused'; readonly diagnostic: Diagnostic };

const ROWS_BY_TYPE: ReadonlyMap<number, { readonly name: string; readonly tls: boolean }> = new Map(
  Object.entries(DSB_SECRETS_TYPES).map(([type, row]) => [Number(type), row]),
);

export function readDecryptionSecrets(block: DecryptionSecretsBlock): DsbContents {
  const name = `the Decryption Secrets Block after frame ${block.afterFrame}`;
  const row = ROWS_BY_TYPE.get(block.type);
  if (row?.tls === true) return { kind: 'tls-key-log', batch: parseKeyLog(block.data, { origin: 'dsb', name }) };
  const typeHex = `0x${block.type.toString(16).padStart(8, '0')}`;
  const what = row === undefined ? `secrets type ${typeHex}, which keyhole does not know` : `secrets type ${typeHex} (${row.name}), which keyhole does not use`;
  return { kind: 'unused', diagnostic: diagnostic('secret.dsb-unknown-type', `${name} holds ${what}`) };
}
