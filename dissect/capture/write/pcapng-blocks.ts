/**
 * pcapng block encoders (draft-ietf-opsawg-pcapng): Section Header (4.1), Interface Description
 * (4.2, with if_tsresol), Enhanced Packet (4.3) and Decryption Secrets (4.7) blocks. Every block
 * is type, total length, body padded to 32 bits, total length again, in the section's byte order.
 */
import type { ByteOrder } from './capture-writer.js';
import { TSRESOL_DIGITS, unitsSinceEpoch } from './timestamp.js';
import type { Timestamp, TimestampResolution } from './timestamp.js';

export const BLOCK_TYPES = {
  sectionHeader: 0x0a0d0d0a,
  interfaceDescription: 0x00000001,
  enhancedPacket: 0x00000006,
  decryptionSecrets: 0x0000000a,
} as const;

/** Secrets types of the Decryption Secrets Block (4.7). */
export const SECRETS_TYPES = {
  'tls-key-log': 0x544c534b,
  'ssh-key-log': 0x5353484b,
  'wireguard-key-log': 0x57474b4c,
} as const;

export type SecretsType = keyof typeof SECRETS_TYPES;

const OPTION_CODES = {
  endOfOptions: 0,
  shbUserApplication: 4,
  ifTsresol: 9,
} as const;

const BYTE_ORDER_MAGIC = 0x1a2b3c4d;
const BLOCK_FRAMING_LENGTH = 12;
const EPB_FIXED_LENGTH = 28;

export function paddedLength(length: number): number {
  return (length + 3) & ~3;
}

interface BlockOption {
  readonly code: number;
  readonly value: Uint8Array;
}

/** The options area: each option padded to 32 bits, then opt_endofopt; empty when there are none. */
function optionsArea(options: readonly BlockOption[], little: boolean): Uint8Array {
  if (options.length === 0) return new Uint8Array(0);
  let length = 4;
  for (const o of options) length += 4 + paddedLength(o.value.length);
  const out = new Uint8Array(length);
  const view = new DataView(out.buffer);
  let at = 0;
  for (const o of options) {
    view.setUint16(at, o.code, little);
    view.setUint16(at + 2, o.value.length, little);
    out.set(o.value, at + 4);
    at += 4 + paddedLength(o.value.length);
  }
  view.setUint16(at, OPTION_CODES.endOfOptions, little);
  return out;
}

/** A whole block around a body whose length is already a multiple of 4. */
function block(type: number, body: Uint8Array, little: boolean): Uint8Array {
  const total = BLOCK_FRAMING_LENGTH + body.length;
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  view.setUint32(0, type, little);
  view.setUint32(4, total, little);
  out.set(body, 8);
  view.setUint32(total - 4, total, little);
  return out;
}

export function sectionHeaderBlock(byteOrder: ByteOrder, userApplication?: string): Uint8Array {
  const little = byteOrder === 'little';
  const options = optionsArea(
    userApplication === undefined ? [] : [{ code: OPTION_CODES.shbUserApplication, value: new TextEncoder().encode(userApplication) }],
    little,
  );
  const body = new Uint8Array(16 + options.length);
  const view = new DataView(body.buffer);
  view.setUint32(0, BYTE_ORDER_MAGIC, little);
  view.setUint16(4, 1, little);
  view.setUint16(6, 0, little);
  // Section length -1: not given, so readers must walk the blocks.
  view.setBigInt64(8, -1n, little);
  body.set(options, 16);
  return block(BLOCK_TYPES.sectionHeader, body, little);
}

export function interfaceDescriptionBlock(
  byteOrder: ByteOrder,
  linkType: number,
  snapLength: number,
  resolution: TimestampResolution,
): Uint8Array {
  const little = byteOrder === 'little';
  // if_tsresol is always written, even for the default 10^-6, so no reader has to assume it.
  const options = optionsArea([{ code: OPTION_CODES.ifTsresol, value: Uint8Array.of(TSRESOL_DIGITS[resolution]) }], little);
  const body = new Uint8Array(8 + options.length);
  const view = new DataView(body.buffer);
  view.setUint16(0, linkType, little);
  view.setUint32(4, snapLength, little);
  body.set(options, 8);
  return block(BLOCK_TYPES.interfaceDescription, body, little);
}

export function decryptionSecretsBlock(byteOrder: ByteOrder, type: SecretsType, secrets: Uint8Array): Uint8Array {
  const little = byteOrder === 'little';
  const body = new Uint8Array(8 + paddedLength(secrets.length));
  const view = new DataView(body.buffer);
  view.setUint32(0, SECRETS_TYPES[type], little);
  view.setUint32(4, secrets.length, little);
  body.set(secrets, 8);
  return block(BLOCK_TYPES.decryptionSecrets, body, little);
}

/**
 * An Enhanced Packet Block as three pieces (fixed header, the caller's packet bytes untouched,
 * padding plus trailer) so a frame is never copied just to be framed.
 */
export function enhancedPacketBlockPieces(
  byteOrder: ByteOrder,
  interfaceId: number,
  timestamp: Timestamp,
  resolution: TimestampResolution,
  data: Uint8Array,
  originalLength: number,
): readonly [Uint8Array, Uint8Array, Uint8Array] {
  const little = byteOrder === 'little';
  const padded = paddedLength(data.length);
  const total = EPB_FIXED_LENGTH + padded + 4;
  const head = new Uint8Array(EPB_FIXED_LENGTH);
  const view = new DataView(head.buffer);
  const units = unitsSinceEpoch(timestamp, resolution);
  view.setUint32(0, BLOCK_TYPES.enhancedPacket, little);
  view.setUint32(4, total, little);
  view.setUint32(8, interfaceId, little);
  view.setUint32(12, Number(units >> 32n), little);
  view.setUint32(16, Number(units & 0xffffffffn), little);
  view.setUint32(20, data.length, little);
  view.setUint32(24, originalLength, little);
  const tail = new Uint8Array(padded - data.length + 4);
  new DataView(tail.buffer).setUint32(tail.length - 4, total, little);
  return [head, data, tail];
}
