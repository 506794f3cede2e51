/**
 * Protocol versions (RFC 8446 4.2.1, RFC 5246 6.2.1, RFC 6347 4.1, RFC 9147 5.3, RFC 6101 for
 * SSL 3.0), with the TLS 1.3 draft code points (0x7f00 + draft, draft-ietf-tls-tls13-n 4.2.1),
 * Facebook's draft deployments, GM/T 0024 ("GMTLS") and OpenSSL's pre-standard DTLS.
 */
import { type Registry, greasedRegistry, nameIn, byWireValue } from './registry.js';

export const ProtocolVersion = {
  SSL_2_0: 0x0002,
  SSL_3_0: 0x0300,
  TLS_1_0: 0x0301,
  TLS_1_1: 0x0302,
  TLS_1_2: 0x0303,
  TLS_1_3: 0x0304,
  DTLS_1_0_OPENSSL_PRE_0_9_8F: 0x0100,
  DTLS_1_0: 0xfeff,
  DTLS_1_2: 0xfefd,
  DTLS_1_3: 0xfefc,
  GMTLS: 0x0101,
} as const;

const VERSIONS = {
  [ProtocolVersion.SSL_2_0]: 'SSL 2.0',
  [ProtocolVersion.SSL_3_0]: 'SSL 3.0',
  [ProtocolVersion.TLS_1_0]: 'TLS 1.0',
  [ProtocolVersion.TLS_1_1]: 'TLS 1.1',
  [ProtocolVersion.TLS_1_2]: 'TLS 1.2',
  [ProtocolVersion.TLS_1_3]: 'TLS 1.3',
  [ProtocolVersion.DTLS_1_0_OPENSSL_PRE_0_9_8F]: 'DTLS 1.0 (OpenSSL pre 0.9.8f)',
  [ProtocolVersion.DTLS_1_0]: 'DTLS 1.0',
  [ProtocolVersion.DTLS_1_2]: 'DTLS 1.2',
  [ProtocolVersion.DTLS_1_3]: 'DTLS 1.3',
  [ProtocolVersion.GMTLS]: 'GMTLS',
} as const;

/** Facebook's Fizz shipped TLS 1.3 drafts under its own code points; value = the draft followed. */
const FACEBOOK_DRAFTS = {
  0xfb17: 23,
  0xfb1a: 26,
} as const;

const DRAFT_PREFIX = 0x7f00;

/**
 * Versions keyhole accepts in a TLS or DTLS record header. TLS 1.3 and DTLS 1.3 records carry the
 * 1.2 values (RFC 8446 5.1, RFC 9147 4); their own versions are accepted too, so that a stack that
 * writes its negotiated version is not taken for non-TLS.
 */
const RECORD_VERSIONS: ReadonlySet<number> = new Set([
  ProtocolVersion.SSL_3_0,
  ProtocolVersion.TLS_1_0,
  ProtocolVersion.TLS_1_1,
  ProtocolVersion.TLS_1_2,
  ProtocolVersion.TLS_1_3,
  ProtocolVersion.GMTLS,
  ProtocolVersion.DTLS_1_0_OPENSSL_PRE_0_9_8F,
  ProtocolVersion.DTLS_1_0,
  ProtocolVersion.DTLS_1_2,
  ProtocolVersion.DTLS_1_3,
]);

const NAMES: Registry = greasedRegistry(byWireValue(VERSIONS));
const FACEBOOK: ReadonlyMap<number, number> = byWireValue(FACEBOOK_DRAFTS);

function isIetfDraft(version: number): boolean {
  return Number.isSafeInteger(version) && version >> 8 === DRAFT_PREFIX >> 8;
}

/** True for a TLS 1.3 draft code point, the IETF ones (0x7fNN) and Facebook's. */
export function isTls13Draft(version: number): boolean {
  return isIetfDraft(version) || FACEBOOK.has(version);
}

/** The draft-ietf-tls-tls13 revision a draft code point stands for; undefined for other versions. */
export function draftNumber(version: number): number | undefined {
  return isIetfDraft(version) ? version & 0xff : FACEBOOK.get(version);
}

export function versionName(version: number): string {
  const facebookDraft = FACEBOOK.get(version);
  if (facebookDraft !== undefined) return `TLS 1.3 (Facebook draft ${facebookDraft})`;
  if (isIetfDraft(version)) return `TLS 1.3 (draft ${version & 0xff})`;
  return nameIn(NAMES, version);
}

/** True for a version a record header may carry; record detection leans on it. */
export function isKnownRecordVersion(version: number): boolean {
  return RECORD_VERSIONS.has(version);
}
