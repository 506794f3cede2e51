/**
 * The TLS 1.3 key schedule (RFC 8446 7.1): HKDF-Expand-Label, Derive-Secret and the chain of
 * early, handshake and master secrets; traffic keys and IVs (7.3), the next generation of a
 * traffic secret after KeyUpdate (7.2) and the Finished key (4.4.4). The hash is the suite's.
 */
import { concatBytes } from '../bytes.js';
import type { CipherSuiteInfo } from '../tls/tables/index.js';
import { type HashName, digest, hashLength, prfHashName } from './hash.js';
import { hkdfExpand, hkdfExtract } from './hkdf.js';
import { versionTraits } from './protocol-version.js';

const encoder = new TextEncoder();

export const LABEL_PREFIX = 'tls13 ';
/** Drafts before 20 prefixed their labels differently (draft-ietf-tls-tls13-19 7.1). */
export const EARLY_DRAFT_LABEL_PREFIX = 'TLS 1.3, ';
const FIRST_DRAFT_WITH_TLS13_PREFIX = 20;

/** The HKDF label prefix of a negotiated version; undefined for anything but TLS 1.3 and its drafts. */
export function labelPrefix(version: number): string | undefined {
  const traits = versionTraits(version);
  if (traits?.generation !== 'tls13') return undefined;
  return traits.draft > 0 && traits.draft < FIRST_DRAFT_WITH_TLS13_PREFIX ? EARLY_DRAFT_LABEL_PREFIX : LABEL_PREFIX;
}

/** The suite's HKDF hash; undefined for suites that are not TLS 1.3's or whose hash OpenSSL lacks. */
export function tls13Hash(suite: CipherSuiteInfo): HashName | undefined {
  return !suite.tls13 || suite.prfHash === 'legacy' ? undefined : prfHashName(suite.prfHash);
}

/**
 * RFC 8446 7.1: HKDF-Expand(Secret, HkdfLabel, Length) with
 * HkdfLabel = uint16 length || opaque label<7..255> = prefix + Label || opaque context<0..255>.
 * Undefined when the label or context do not fit their length bytes.
 */
export function hkdfExpandLabel(
  hash: HashName, secret: Uint8Array, label: string, context: Uint8Array, length: number, prefix = LABEL_PREFIX,
): Uint8Array | undefined {
  const fullLabel = encoder.encode(prefix + label);
  if (fullLabel.length > 255 || context.length > 255 || length > 0xffff) return undefined;
  const info = concatBytes([
    Uint8Array.of(length >> 8, length & 0xff, fullLabel.length), fullLabel, Uint8Array.of(context.length), context,
  ]);
  return hkdfExpand(hash, secret, info, length);
}

/** RFC 8446 7.1: Derive-Secret(Secret, Label, Messages) given Transcript-Hash(Messages). */
export function deriveSecret(
  hash: HashName, secret: Uint8Array, label: string, transcriptHash: Uint8Array, prefix = LABEL_PREFIX,
): Uint8Array | undefined {
  return hkdfExpandLabel(hash, secret, label, transcriptHash, hashLength(hash), prefix);
}

/** RFC 8446 7.1: Early Secret = HKDF-Extract(0, PSK), with zeros when there is no PSK. */
export function earlySecret(hash: HashName, psk?: Uint8Array): Uint8Array {
  return hkdfExtract(hash, new Uint8Array(0), psk ?? new Uint8Array(hashLength(hash)));
}

/** RFC 8446 7.1: the next stage's secret, HKDF-Extract(Derive-Secret(previous, "derived", ""), input). */
function nextStage(hash: HashName, previous: Uint8Array, input: Uint8Array, prefix: string): Uint8Array | undefined {
  const salt = deriveSecret(hash, previous, 'derived', digest(hash), prefix);
  return salt === undefined ? undefined : hkdfExtract(hash, salt, input);
}

/** RFC 8446 7.1: Handshake Secret from the early secret and the (EC)DHE shared secret. */
export function handshakeSecret(
  hash: HashName, early: Uint8Array, sharedSecret: Uint8Array, prefix = LABEL_PREFIX,
): Uint8Array | undefined {
  return nextStage(hash, early, sharedSecret, prefix);
}

/** RFC 8446 7.1: Master Secret from the handshake secret and zeros. */
export function tls13MasterSecret(hash: HashName, handshake: Uint8Array, prefix = LABEL_PREFIX): Uint8Array | undefined {
  return nextStage(hash, handshake, new Uint8Array(hashLength(hash)), prefix);
}

export interface TrafficKeys {
  readonly key: Uint8Array;
  readonly iv: Uint8Array;
}

/**
 * RFC 8446 7.3: write key and IV from a traffic secret, with the version's label prefix. The IV is
 * as long as the suite's nonce (12 bytes for every AEAD of RFC 8446 5.3).
 */
export function trafficKeys(version: number, suite: CipherSuiteInfo, trafficSecret: Uint8Array): TrafficKeys | undefined {
  const hash = tls13Hash(suite);
  const prefix = labelPrefix(version);
  if (hash === undefined || prefix === undefined) return undefined;
  const empty = new Uint8Array(0);
  const key = hkdfExpandLabel(hash, trafficSecret, 'key', empty, suite.keyLength, prefix);
  const iv = hkdfExpandLabel(hash, trafficSecret, 'iv', empty, suite.fixedIvLength, prefix);
  return key === undefined || iv === undefined ? undefined : { key, iv };
}

function expandFromSecret(
  version: number, suite: CipherSuiteInfo, secret: Uint8Array, label: string,
): Uint8Array | undefined {
  const hash = tls13Hash(suite);
  const prefix = labelPrefix(version);
  if (hash === undefined || prefix === undefined) return undefined;
  return hkdfExpandLabel(hash, secret, label, new Uint8Array(0), hashLength(hash), prefix);
}

/** RFC 8446 7.2: application_traffic_secret_N+1 after a KeyUpdate. */
export function nextTrafficSecret(version: number, suite: CipherSuiteInfo, trafficSecret: Uint8Array): Uint8Array | undefined {
  return expandFromSecret(version, suite, trafficSecret, 'traffic upd');
}

/** RFC 8446 4.4.4: the HMAC key of a Finished message sent under this traffic secret. */
export function finishedKey(version: number, suite: CipherSuiteInfo, trafficSecret: Uint8Array): Uint8Array | undefined {
  return expandFromSecret(version, suite, trafficSecret, 'finished');
}
