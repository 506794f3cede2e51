/**
 * ServerHello (RFC 5246 7.4.1.3, RFC 8446 4.1.3) and HelloRetryRequest, which is a ServerHello
 * whose random is SHA-256("HelloRetryRequest"). TLS 1.3 drafts before 22 sent no session id and no
 * compression method (draft-ietf-tls-tls13-21 4.1.3).
 */
import type { TreeNode } from '../../tree.js';
import { extensionsTree, findExtension, readExtensions } from '../extensions/block.js';
import { ExtensionType, cipherSuiteName, compressionMethodName, draftNumber, versionName } from '../tables/index.js';
import { readSessionId } from './client-hello.js';
import type { Cursor } from './cursor.js';
import { downgradeNode, downgradeSentinel, isHelloRetryRequestRandom, randomNode, readRandom } from './random.js';
import { namedValueNode, opaqueNodes } from './tree-nodes.js';
import type { ServerHello } from './types.js';

/** The draft that put legacy_session_id_echo and legacy_compression_method back. */
const FIRST_DRAFT_WITH_LEGACY_FIELDS = 22;

function hasLegacyFields(version: number | undefined): boolean {
  const draft = version === undefined ? undefined : draftNumber(version);
  return draft === undefined || draft >= FIRST_DRAFT_WITH_LEGACY_FIELDS;
}

export function decodeServerHello(c: Cursor): ServerHello {
  const version = c.named(2, 'server version', versionName);
  const random = readRandom(c);
  const legacy = hasLegacyFields(version?.value);
  const sessionId = legacy ? readSessionId(c) : undefined;
  const cipherSuite = c.named(2, 'cipher suite', cipherSuiteName);
  const compressionMethod = legacy ? c.named(1, 'compression method', compressionMethodName) : undefined;
  const isHelloRetryRequest = random !== undefined && isHelloRetryRequestRandom(random);
  const extensions = c.atEnd ? undefined : readExtensions(c, isHelloRetryRequest ? 'hello_retry_request' : 'server_hello');
  const downgrade = random === undefined ? undefined : downgradeSentinel(random);
  return { kind: 'server_hello', version, random, isHelloRetryRequest, downgrade, sessionId, cipherSuite, compressionMethod, extensions };
}

/**
 * The version the server chose: supported_versions' value when present (RFC 8446 4.2.1), else the
 * version field.
 */
export function selectedVersion(hello: ServerHello): number | undefined {
  const supported = findExtension(hello.extensions, ExtensionType.supported_versions)?.body;
  if (supported?.kind === 'value' && supported.value !== undefined) return supported.value.value;
  return hello.version?.value;
}

export function serverHelloTree(hello: ServerHello): TreeNode[] {
  return [
    ...namedValueNode('Version', hello.version, 2),
    ...randomNode(hello.random),
    ...downgradeNode(hello.downgrade, hello.random),
    ...opaqueNodes('Session ID', hello.sessionId),
    ...namedValueNode('Cipher Suite', hello.cipherSuite, 2),
    ...namedValueNode('Compression Method', hello.compressionMethod, 1),
    ...extensionsTree(hello.extensions),
  ];
}
