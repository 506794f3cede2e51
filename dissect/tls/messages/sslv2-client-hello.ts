/**
 * The SSL 2.0-compatible ClientHello (RFC 5246 E.2, RFC 6101 E.1; draft-hickman-netscape-ssl-00):
 * a 2-byte record header with the high bit set and a 15-bit length, msg_type 1, the highest version
 * the client speaks, the lengths of the cipher specs (3 bytes each), session id and challenge, then
 * those three. Old clients open with it to reach both SSL 2 and SSL 3/TLS servers. Spans are
 * relative to the record start.
 */
import type { Diagnostic } from '../../diagnostics.js';
import { diagnostic } from '../../diagnostics.js';
import { type DecodeResult, invalid, needMore, ok } from '../../decode-result.js';
import { type TreeNode, branch, leaf } from '../../tree.js';
import { u16 } from '../../bytes.js';
import { cipherSuiteName, versionName } from '../tables/index.js';
import { Cursor } from './cursor.js';
import type { Field, NamedValue } from './fields.js';
import { bytesNode, hexNumber, namedValueNode, numberNode, plural } from './tree-nodes.js';

export interface Sslv2CipherSpec extends NamedValue {
  /** True for SSL 2 kinds (first byte non-zero); the rest are TLS suites 0x00XXXX. */
  readonly sslv2Only: boolean;
}

export interface Sslv2ClientHello {
  readonly recordLength: Field<number>;
  readonly messageType: Field<number>;
  readonly version: NamedValue | undefined;
  readonly cipherSpecLength: Field<number> | undefined;
  readonly sessionIdLength: Field<number> | undefined;
  readonly challengeLength: Field<number> | undefined;
  readonly cipherSpecs: readonly Sslv2CipherSpec[];
  readonly sessionId: Field<Uint8Array> | undefined;
  readonly challenge: Field<Uint8Array> | undefined;
  readonly diagnostics: readonly Diagnostic[];
}

const HEADER_LENGTH = 2;
const CLIENT_HELLO = 1;
const CIPHER_SPEC_LENGTH = 3;
/** RFC 5246 E.2: the challenge SHOULD be 32 bytes and is at least 16. */
const MIN_CHALLENGE = 16;
const MAX_CHALLENGE = 32;

/** SSL 2 kinds (e.g. 0x010080 SSL_CK_RC4_128_WITH_MD5) have no TLS name; the others are TLS suites. */
function cipherSpecName(spec: number): string {
  return spec > 0xffff ? `SSL2 cipher kind ${hexNumber(spec, 3)}` : cipherSuiteName(spec);
}

function readCipherSpec(c: Cursor): Sslv2CipherSpec | undefined {
  const spec = c.u24('cipher spec');
  return spec === undefined ? undefined : { ...spec, name: cipherSpecName(spec.value), sslv2Only: spec.value > 0xffff };
}

/**
 * Decodes an SSLv2-format ClientHello record from the start of `bytes`. need-more until the whole
 * record is there; invalid when it is no SSLv2 ClientHello; ok with `used` = the record's size.
 */
export function decodeSslv2ClientHello(bytes: Uint8Array): DecodeResult<Sslv2ClientHello> {
  const first = bytes[0];
  if (first === undefined || bytes.length < HEADER_LENGTH + 1) return needMore(HEADER_LENGTH + 1);
  if ((first & 0x80) === 0) return invalid(diagnostic('tls.record.bad-header', 'an SSLv2 record header has the high bit set; this one does not'));
  if (bytes[HEADER_LENGTH] !== CLIENT_HELLO) return invalid(diagnostic('tls.handshake.malformed', `SSLv2 message type ${bytes[HEADER_LENGTH] ?? 0} is not a ClientHello`));
  const total = HEADER_LENGTH + (u16(bytes, 0) & 0x7fff);
  if (bytes.length < total) return needMore(total);
  const diagnostics: Diagnostic[] = [];
  const c = Cursor.over(bytes.subarray(0, total), diagnostics, 'tls.handshake.malformed', 'SSLv2 ClientHello: ');
  const header = c.u16('record length');
  const messageType = c.u8('message type');
  if (header === undefined || messageType === undefined) return needMore(total);
  const recordLength = { value: header.value & 0x7fff, span: header.span };
  const version = c.named(2, 'version', versionName);
  const cipherSpecLength = c.u16('cipher spec length');
  const sessionIdLength = c.u16('session id length');
  const challengeLength = c.u16('challenge length');
  if (cipherSpecLength !== undefined && cipherSpecLength.value % CIPHER_SPEC_LENGTH !== 0) {
    c.report(`cipher spec length ${cipherSpecLength.value} is not a multiple of ${CIPHER_SPEC_LENGTH}`);
  }
  if (challengeLength !== undefined && (challengeLength.value < MIN_CHALLENGE || challengeLength.value > MAX_CHALLENGE)) {
    c.report(`challenge length ${challengeLength.value} is outside ${MIN_CHALLENGE}..${MAX_CHALLENGE}`);
  }
  const cipherSpecs = cipherSpecLength === undefined ? [] : c.slice(cipherSpecLength.value, 'cipher specs').each(readCipherSpec);
  const sessionId = sessionIdLength === undefined ? undefined : c.take(sessionIdLength.value, 'session id');
  const challenge = challengeLength === undefined ? undefined : c.take(challengeLength.value, 'challenge');
  c.finish('SSLv2 ClientHello');
  return ok({ recordLength, messageType, version, cipherSpecLength, sessionIdLength, challengeLength, cipherSpecs, sessionId, challenge, diagnostics }, total);
}

export function sslv2ClientHelloTree(hello: Sslv2ClientHello): TreeNode[] {
  return [branch('SSLv2 Record Layer', [
    ...numberNode('Length', hello.recordLength),
    ...numberNode('Handshake Message Type', hello.messageType),
    ...namedValueNode('Version', hello.version, 2),
    ...numberNode('Cipher Spec Length', hello.cipherSpecLength),
    ...numberNode('Session ID Length', hello.sessionIdLength),
    ...numberNode('Challenge Length', hello.challengeLength),
    branch(`Cipher Specs (${plural(hello.cipherSpecs.length, 'spec')})`, hello.cipherSpecs.map((spec) => leaf('Cipher Spec', `${spec.name} (${hexNumber(spec.value, 3)})`, spec.span))),
    ...bytesNode('Session ID', hello.sessionId),
    ...bytesNode('Challenge', hello.challenge),
  ], 'ClientHello')];
}
