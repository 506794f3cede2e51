/**
 * RFC 6962 3.3: the SignedCertificateTimestampList extension. Its extnValue holds an OCTET
 * STRING whose content is TLS-encoded (RFC 5246 4): opaque SerializedSCT<1..2^16-1>
 * list<1..2^16-1>, each SCT being version, LogID (32 bytes), uint64 timestamp, CtExtensions
 * and a digitally-signed struct (RFC 5246 4.7).
 */
import { hex, u16, u32 } from '../../../bytes.js';
import { diagnostic } from '../../../diagnostics.js';
import { invalid, ok, type DecodeResult } from '../../../decode-result.js';
import { branch, leaf, type TreeNode } from '../../../tree.js';
import { DER_TAG, readWhole } from '../der.js';
import { colonHex } from '../display.js';
import { isoTime } from '../time.js';
import type { ExtensionValue, SctInfo } from '../types.js';

/** RFC 5246 7.4.1.4.1 HashAlgorithm and SignatureAlgorithm. */
const HASH_ALGORITHMS = ['none', 'md5', 'sha1', 'sha224', 'sha256', 'sha384', 'sha512'] as const;
const SIGNATURE_ALGORITHMS = ['anonymous', 'rsa', 'dsa', 'ecdsa'] as const;

const LOG_ID_LENGTH = 32;
/** version, log id, timestamp, extensions length, hash, signature, signature length. */
const SCT_FIXED_LENGTH = 1 + LOG_ID_LENGTH + 8 + 2 + 1 + 1 + 2;

function malformed(message: string): DecodeResult<never> {
  return invalid(diagnostic('x509.extension-malformed', `signed certificate timestamp list: ${message}`));
}

function named(table: readonly string[], value: number): string {
  return table[value] ?? `0x${value.toString(16).padStart(2, '0')}`;
}

function decodeSct(bytes: Uint8Array, index: number): DecodeResult<SctInfo> {
  const version = bytes[0] ?? 0;
  if (version !== 0) return malformed(`SCT ${index} has version ${version + 1}, which RFC 6962 does not define`);
  if (bytes.length < SCT_FIXED_LENGTH) return malformed(`SCT ${index} is ${bytes.length} bytes, shorter than any SCT`);
  const timestampMs = u32(bytes, 33) * 2 ** 32 + u32(bytes, 37);
  const extensionsLength = u16(bytes, 41);
  const algorithmsAt = 43 + extensionsLength;
  const signatureAt = algorithmsAt + 4;
  const signatureLength = u16(bytes, algorithmsAt + 2);
  if (signatureAt + signatureLength !== bytes.length) return malformed(`the lengths inside SCT ${index} do not add up to its ${bytes.length} bytes`);
  return ok({
    version: version + 1,
    logId: hex(bytes.subarray(1, 1 + LOG_ID_LENGTH)),
    timestamp: isoTime(new Date(timestampMs)),
    extensions: hex(bytes.subarray(43, algorithmsAt)),
    hashAlgorithm: named(HASH_ALGORITHMS, bytes[algorithmsAt] ?? 0),
    signatureAlgorithm: named(SIGNATURE_ALGORITHMS, bytes[algorithmsAt + 1] ?? 0),
    signature: hex(bytes.subarray(signatureAt)),
  }, bytes.length);
}

export function decodeSctList(body: Uint8Array): DecodeResult<ExtensionValue<'signedCertificateTimestamps'>> {
  const octets = readWhole(body, DER_TAG.octetString);
  if (octets === undefined) return malformed('the extension value is not an OCTET STRING');
  const list = octets.content;
  if (list.length < 2 || u16(list, 0) !== list.length - 2) return malformed(`the list length does not match its ${list.length} bytes`);
  const timestamps: SctInfo[] = [];
  for (let at = 2; at < list.length;) {
    const length = u16(list, at);
    if (at + 2 + length > list.length) return malformed(`SCT ${timestamps.length} runs past the end of the list`);
    const sct = decodeSct(list.subarray(at + 2, at + 2 + length), timestamps.length);
    if (sct.kind !== 'ok') return sct;
    timestamps.push(sct.value);
    at += 2 + length;
  }
  return ok({ type: 'signedCertificateTimestamps', timestamps }, body.length);
}

export function sctListTree(value: ExtensionValue<'signedCertificateTimestamps'>): TreeNode[] {
  return value.timestamps.map((sct) => branch('Signed Certificate Timestamp', [
    leaf('Version', `v${sct.version} (0x${(sct.version - 1).toString(16)})`),
    leaf('Log ID', colonHex(sct.logId)),
    leaf('Timestamp', sct.timestamp),
    leaf('Extensions', sct.extensions === '' ? 'none' : colonHex(sct.extensions)),
    leaf('Signature', `${sct.hashAlgorithm} with ${sct.signatureAlgorithm}`),
    leaf('Signature Value', colonHex(sct.signature)),
  ]));
}
