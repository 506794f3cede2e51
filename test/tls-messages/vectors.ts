/**
 * Loads the handshake vectors of ./data (written once by data/extract.ts from the public captures,
 * with tshark 4.0's fields beside each message) and turns them into decoder inputs.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { fromHex } from '../../dissect/bytes.js';
import type { HandshakeContext } from '../../dissect/tls/messages/index.js';
import { cipherSuite } from '../../dissect/tls/tables/index.js';

const here = path.dirname(fileURLToPath(import.meta.url));
export const dataDir = path.join(here, 'data');

export interface CaptureMessage {
  readonly frame: number;
  readonly stream: number;
  readonly from: 'client' | 'server';
  readonly dtls: boolean;
  readonly type: number;
  readonly version: number | null;
  readonly suite: number | null;
  readonly header: string;
  readonly body: string;
  readonly fields: Readonly<Record<string, readonly string[]>>;
}

export interface Sslv2Record {
  readonly frame: number;
  readonly record: string;
  readonly fields: Readonly<Record<string, readonly string[]>>;
}

export interface CaptureVectors {
  readonly name: string;
  readonly capture: string;
  readonly messages: readonly CaptureMessage[];
  readonly sslv2: readonly Sslv2Record[];
}

export function bytes(hexText: string): Uint8Array {
  const decoded = fromHex(hexText);
  if (decoded === undefined) throw new Error(`test vector is not hex: ${hexText.slice(0, 40)}`);
  return decoded;
}

/** One capture's vectors, by file name without ".json" (e.g. "tls12-dsb"). */
export function captureVectors(name: string): CaptureVectors {
  return { name, ...(JSON.parse(readFileSync(path.join(dataDir, `${name}.json`), 'utf8')) as Omit<CaptureVectors, 'name'>) };
}

/** Every capture's vectors (rfc8448.json has its own shape and is read by its test). */
export function loadCaptureVectors(): CaptureVectors[] {
  return readdirSync(dataDir)
    .filter((file) => file.endsWith('.json') && file !== 'rfc8448.json')
    .sort()
    .map((file) => captureVectors(file.replace(/\.json$/, '')));
}

/** What the session would know when the message arrived: sender, transport, version and suite so far. */
export function contextOf(message: CaptureMessage): HandshakeContext {
  const suite = message.suite === null ? undefined : cipherSuite(message.suite);
  return {
    direction: message.from,
    isDtls: message.dtls,
    ...(message.version === null ? {} : { version: message.version }),
    ...(suite === undefined ? {} : { cipherSuite: suite }),
  };
}

/** A tshark field of the message, whichever of tls./dtls. it was printed under. */
export function field(message: CaptureMessage, name: string): readonly string[] {
  return message.fields[`${message.dtls ? 'dtls' : 'tls'}.${name}`] ?? message.fields[name] ?? [];
}

/** How a tshark field prints: a number ("0x0303" or "771"), bytes ("aa:bb"), or text. */
export type FieldKind = 'number' | 'bytes' | 'text';

/** tshark's JSON values are cut at 256 characters by data/extract.ts, marked with "...". */
const CUT = '...';

function normalise(value: string, kind: FieldKind): string {
  if (kind === 'number') return String(value.startsWith('0x') ? parseInt(value, 16) : Number(value));
  if (kind === 'bytes') return value.replace(/:/g, '').toLowerCase();
  return value;
}

/** Compares keyhole's values with tshark's, in order; a value tshark cut short compares as a prefix. */
export function sameValues(ours: readonly string[], theirs: readonly string[], kind: FieldKind): boolean {
  if (ours.length !== theirs.length) return false;
  return theirs.every((value, index) => {
    const actual = ours[index] ?? '';
    if (!value.endsWith(CUT)) return actual === normalise(value, kind);
    return actual.startsWith(normalise(value.slice(0, -CUT.length), kind));
  });
}
