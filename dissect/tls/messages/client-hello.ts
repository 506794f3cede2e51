/**
 * ClientHello (RFC 5246 7.4.1.2, RFC 8446 4.1.2, RFC 6347 4.2.1 for the DTLS cookie): version,
 * random, session id, cookie (DTLS), cipher suites, compression methods and, when bytes remain,
 * extensions.
 */
import type { TreeNode } from '../../tree.js';
import { extensionsTree, readExtensions } from '../extensions/block.js';
import { cipherSuiteName, compressionMethodName, versionName } from '../tables/index.js';
import { type HandshakeContext, isDtlsVersion } from './context.js';
import type { Cursor } from './cursor.js';
import { randomNode, readRandom } from './random.js';
import { namedValueNode, opaqueNodes, vectorNodes } from './tree-nodes.js';
import type { ClientHello } from './types.js';

/** RFC 5246 7.4.1.2: SessionID is opaque<0..32>. */
const MAX_SESSION_ID_LENGTH = 32;

export function readSessionId(c: Cursor): ClientHello['sessionId'] {
  const sessionId = c.opaque(1, 'session id');
  if (sessionId !== undefined && sessionId.length.value > MAX_SESSION_ID_LENGTH) {
    c.report(`session id is ${sessionId.length.value} bytes; at most ${MAX_SESSION_ID_LENGTH} are allowed`);
  }
  return sessionId;
}

export function decodeClientHello(c: Cursor, ctx: HandshakeContext): ClientHello {
  const version = c.named(2, 'client version', versionName);
  const random = readRandom(c);
  const sessionId = readSessionId(c);
  const isDtls = ctx.isDtls ?? (version !== undefined && isDtlsVersion(version.value));
  const cookie = isDtls ? c.opaque(1, 'cookie') : undefined;
  const cipherSuites = c.vector(2, 'cipher suites', (item) => item.named(2, 'cipher suite', cipherSuiteName));
  const compressionMethods = c.vector(1, 'compression methods', (item) => item.named(1, 'compression method', compressionMethodName));
  const extensions = c.atEnd ? undefined : readExtensions(c, 'client_hello');
  return { kind: 'client_hello', version, random, sessionId, cookie, cipherSuites, compressionMethods, extensions };
}

export function clientHelloTree(hello: ClientHello): TreeNode[] {
  return [
    ...namedValueNode('Version', hello.version, 2),
    ...randomNode(hello.random),
    ...opaqueNodes('Session ID', hello.sessionId),
    ...opaqueNodes('Cookie', hello.cookie),
    ...vectorNodes({ length: 'Cipher Suites Length', list: 'Cipher Suites', unit: 'suite' }, hello.cipherSuites, (suite) => namedValueNode('Cipher Suite', suite, 2)),
    ...vectorNodes({ length: 'Compression Methods Length', list: 'Compression Methods', unit: 'method' }, hello.compressionMethods, (method) => namedValueNode('Compression Method', method, 1)),
    ...extensionsTree(hello.extensions),
  ];
}
