/**
 * The 64-bit record sequence number as MACs and nonces see it (RFC 5246 6.1): TLS counts it
 * implicitly; DTLS carries it as epoch (16 bits) and sequence (48 bits) in every record (RFC 6347 4.1).
 */

export function sequenceBytes(sequence: bigint): Uint8Array {
  const out = new Uint8Array(8);
  new DataView(out.buffer).setBigUint64(0, BigInt.asUintN(64, sequence));
  return out;
}

/** RFC 6347 4.1.2.1: the DTLS MAC and AEAD input is epoch || sequence_number. */
export function dtlsSequence(epoch: number, sequence48: bigint): bigint {
  return (BigInt(epoch & 0xffff) << 48n) | BigInt.asUintN(48, sequence48);
}

/** "record 7", or "epoch 1 record 7" when the number carries a DTLS epoch. */
export function sequenceLabel(sequence: bigint): string {
  const epoch = sequence >> 48n;
  return epoch === 0n ? `record ${sequence}` : `epoch ${epoch} record ${BigInt.asUintN(48, sequence)}`;
}
