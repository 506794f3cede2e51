/**
 * Test-only walk over pcapng blocks (draft-ietf-opsawg-pcapng 3.1, 4.7) that pulls out the
 * Decryption Secrets Blocks, so the secrets tests read the real DSBs of the shared captures
 * without depending on the capture reader.
 */
import { readFileSync } from 'node:fs';
import type { DecryptionSecretsBlock } from '../../dissect/secrets/dsb.js';

const SECTION_HEADER = 0x0a0d0d0a;
const DECRYPTION_SECRETS = 0x0000000a;
const PACKET_BLOCKS = new Set([0x00000002, 0x00000003, 0x00000006]);
const BYTE_ORDER_MAGIC = 0x1a2b3c4d;

export function decryptionSecretsBlocks(file: string): DecryptionSecretsBlock[] {
  const bytes = readFileSync(file);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const blocks: DecryptionSecretsBlock[] = [];
  let littleEndian = true;
  let frames = 0;
  for (let at = 0; at + 12 <= bytes.length; ) {
    if (view.getUint32(at, true) === SECTION_HEADER) littleEndian = view.getUint32(at + 8, true) === BYTE_ORDER_MAGIC;
    const type = view.getUint32(at, littleEndian);
    const length = view.getUint32(at + 4, littleEndian);
    if (length < 12) break;
    if (PACKET_BLOCKS.has(type)) frames++;
    if (type === DECRYPTION_SECRETS) {
      const secretsLength = view.getUint32(at + 12, littleEndian);
      blocks.push({ type: view.getUint32(at + 8, littleEndian), data: bytes.subarray(at + 16, at + 16 + secretsLength), afterFrame: frames });
    }
    at += length;
  }
  return blocks;
}
