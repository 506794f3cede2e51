/**
 * JA4 TLS client fingerprint (FoxIO-LLC/ja4, technical_details/JA4.md):
 *   a = protocol (t, q, d) + version + SNI (d/i) + cipher count + extension count + ALPN first/last
 *   b = first 12 hex of SHA-256 of the sorted cipher list ("002f,0035,...")
 *   c = first 12 hex of SHA-256 of the sorted extensions without SNI and ALPN, then "_" and the
 *       signature algorithms in wire order (no "_" when there are none).
 * GREASE is ignored everywhere. The raw forms (ja4_r) show the lists instead of hashes; the
 * original-order forms (ja4_o, ja4_ro) keep wire order and include SNI and ALPN.
 */
import { createHash } from 'node:crypto';
import { hex } from '../../bytes.js';
import { findExtension } from '../extensions/block.js';
import type { ClientHello } from '../messages/types.js';
import { ExtensionType, ProtocolVersion } from '../tables/index.js';
import { extensionList, extensionTypes, listValues } from './hello-values.js';

/** TLS over TCP, QUIC, or DTLS. */
export type Ja4Transport = 'tcp' | 'quic' | 'dtls';

const TRANSPORT_LETTERS: Record<Ja4Transport, string> = { tcp: 't', quic: 'q', dtls: 'd' };

const VERSION_CODES: Readonly<Record<number, string>> = {
  [ProtocolVersion.TLS_1_3]: '13',
  [ProtocolVersion.TLS_1_2]: '12',
  [ProtocolVersion.TLS_1_1]: '11',
  [ProtocolVersion.TLS_1_0]: '10',
  [ProtocolVersion.SSL_3_0]: 's3',
  [ProtocolVersion.SSL_2_0]: 's2',
  [ProtocolVersion.DTLS_1_0]: 'd1',
  [ProtocolVersion.DTLS_1_2]: 'd2',
  [ProtocolVersion.DTLS_1_3]: 'd3',
};
const UNKNOWN_VERSION = '00';
const NO_ALPN = '00';
const EMPTY_HASH = '000000000000';
const HASH_LENGTH = 12;
const MAX_COUNT = 99;
const LEFT_OUT_OF_SORTED_EXTENSIONS: ReadonlySet<number> = new Set([ExtensionType.server_name, ExtensionType.application_layer_protocol_negotiation]);

export interface Ja4 {
  readonly ja4: string;
  readonly ja4_r: string;
  readonly ja4_o: string;
  readonly ja4_ro: string;
}

const hex4 = (value: number): string => value.toString(16).padStart(4, '0');
const count = (values: readonly number[]): string => String(Math.min(values.length, MAX_COUNT)).padStart(2, '0');
const sorted = (values: readonly number[]): number[] => [...values].sort((a, b) => a - b);

function truncatedSha256(text: string): string {
  return text === '' ? EMPTY_HASH : createHash('sha256').update(text).digest('hex').slice(0, HASH_LENGTH);
}

/** supported_versions' highest value when the extension is there, else the hello's version field. */
function versionCode(hello: ClientHello): string {
  const supported = extensionList(hello.extensions, ExtensionType.supported_versions);
  const version = supported.length > 0 ? Math.max(...supported) : hello.version?.value;
  return version === undefined ? UNKNOWN_VERSION : VERSION_CODES[version] ?? UNKNOWN_VERSION;
}

const isAlphanumeric = (byte: number): boolean => (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5a) || (byte >= 0x61 && byte <= 0x7a);

/** First and last characters of the first ALPN value; its hex form's when either end is not alphanumeric. */
function alpnCode(hello: ClientHello): string {
  const body = findExtension(hello.extensions, ExtensionType.application_layer_protocol_negotiation)?.body;
  const first = body?.kind === 'protocols' ? body.protocols?.items[0]?.data.value : undefined;
  const head = first?.[0];
  const tail = first?.[first.length - 1];
  if (first === undefined || head === undefined || tail === undefined) return NO_ALPN;
  if (isAlphanumeric(head) && isAlphanumeric(tail)) return String.fromCharCode(head, tail);
  const asHex = hex(first);
  return `${asHex[0] ?? '0'}${asHex[asHex.length - 1] ?? '0'}`;
}

/** "_"-joined extension part: extensions, then signature algorithms when there are any. */
function extensionPart(extensions: readonly number[], signatureAlgorithms: readonly number[]): string {
  const listed = extensions.map(hex4).join(',');
  return signatureAlgorithms.length === 0 || listed === '' ? listed : `${listed}_${signatureAlgorithms.map(hex4).join(',')}`;
}

/** JA4 of a ClientHello; `transport` says whether it came over TCP, QUIC or DTLS. */
export function ja4(hello: ClientHello, transport: Ja4Transport = 'tcp'): Ja4 {
  const ciphers = listValues(hello.cipherSuites);
  const extensions = extensionTypes(hello.extensions);
  const signatureAlgorithms = extensionList(hello.extensions, ExtensionType.signature_algorithms);
  const hasSni = extensions.includes(ExtensionType.server_name);
  const a = `${TRANSPORT_LETTERS[transport]}${versionCode(hello)}${hasSni ? 'd' : 'i'}${count(ciphers)}${count(extensions)}${alpnCode(hello)}`;
  const sortedCiphers = sorted(ciphers).map(hex4).join(',');
  const originalCiphers = ciphers.map(hex4).join(',');
  const sortedExtensions = extensionPart(sorted(extensions.filter((type) => !LEFT_OUT_OF_SORTED_EXTENSIONS.has(type))), signatureAlgorithms);
  const originalExtensions = extensionPart(extensions, signatureAlgorithms);
  return {
    ja4: `${a}_${truncatedSha256(sortedCiphers)}_${truncatedSha256(sortedExtensions)}`,
    ja4_r: `${a}_${sortedCiphers}_${sortedExtensions}`,
    ja4_o: `${a}_${truncatedSha256(originalCiphers)}_${truncatedSha256(originalExtensions)}`,
    ja4_ro: `${a}_${originalCiphers}_${originalExtensions}`,
  };
}
