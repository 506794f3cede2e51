/**
 * CertificateURL (RFC 6066 5): where to fetch the client's certificates instead of sending them,
 * as a chain type and a list of (url, padding = 1, SHA-1 hash).
 */
import type { TreeNode } from '../../tree.js';
import { branch } from '../../tree.js';
import { readText, textNodes } from '../extensions/text.js';
import type { Cursor } from './cursor.js';
import { bytesNode, namedValueNode, numberNode, vectorNodes } from './tree-nodes.js';
import type { CertificateUrl, UrlAndHash } from './types.js';

const CHAIN_TYPES: Readonly<Record<number, string>> = { 0: 'individual_certs', 1: 'pkipath' };
const SHA1_LENGTH = 20;

function readUrlAndHash(c: Cursor): UrlAndHash | undefined {
  const start = c.offset;
  const url = readText(c, 2, 'certificate url');
  if (url === undefined) return undefined;
  const padding = c.u8('url padding');
  const sha1Hash = c.take(SHA1_LENGTH, 'certificate SHA-1 hash');
  return { span: { start, end: c.offset }, url, padding, sha1Hash };
}

export function decodeCertificateUrl(c: Cursor): CertificateUrl {
  const chainType = c.named(1, 'certificate chain type', (type) => CHAIN_TYPES[type] ?? String(type));
  const urls = c.vector(2, 'url and hash list', readUrlAndHash);
  return { kind: 'certificate_url', chainType, urls };
}

export function certificateUrlTree(message: CertificateUrl): TreeNode[] {
  return [
    ...namedValueNode('Chain Type', message.chainType, 1, false),
    ...vectorNodes({ length: 'URL and Hash List Length', list: 'URLs', unit: 'url' }, message.urls, (entry) => [
      branch('URL and Hash', [...textNodes('URL', 'URL Length', entry.url), ...numberNode('Padding', entry.padding), ...bytesNode('SHA-1 Hash', entry.sha1Hash)], entry.url.text, entry.span),
    ]),
  ];
}
