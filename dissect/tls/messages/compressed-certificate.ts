/**
 * CompressedCertificate (RFC 8879 4): algorithm, uncompressed length, compressed Certificate
 * message. zlib (RFC 1950) and brotli (RFC 7932) decompress with node:zlib, bounded by the
 * announced length (at most 2^24-1 by the wire format), and the result decodes as a TLS 1.3
 * Certificate body whose spans are relative to the decompressed bytes.
 */
import { brotliDecompressSync, inflateSync } from 'node:zlib';
import type { Diagnostic } from '../../diagnostics.js';
import type { TreeNode } from '../../tree.js';
import { branch } from '../../tree.js';
import { certificateCompressionAlgorithmName } from '../tables/index.js';
import { certificateTree, readCertificate } from './certificate.js';
import { Cursor } from './cursor.js';
import { namedValueNode, numberNode, opaqueNodes, withoutSpans } from './tree-nodes.js';
import type { CompressedCertificate, DecompressedCertificate } from './types.js';

type Decompress = (data: Uint8Array, options: { maxOutputLength: number }) => Uint8Array;

/** Far above any real chain; keeps a small message from inflating into 16 MiB. */
export const MAX_DECOMPRESSED_CERTIFICATE = 1 << 20;

/** RFC 8879 3 algorithm ids node:zlib can undo; zstd (3) is not in Node 20. */
const DECOMPRESSORS: Readonly<Record<number, Decompress>> = {
  1: inflateSync,
  2: brotliDecompressSync,
};

function decompress(c: Cursor, algorithm: number, expected: number, data: Uint8Array): Uint8Array | undefined {
  const inflate = DECOMPRESSORS[algorithm];
  if (inflate === undefined) {
    c.report(`certificate compression algorithm ${certificateCompressionAlgorithmName(algorithm)} is not supported; the certificates stay compressed`, 'tls.handshake.decompression-failed');
    return undefined;
  }
  if (expected > MAX_DECOMPRESSED_CERTIFICATE) {
    c.report(`the certificate announces ${expected} bytes uncompressed, more than the ${MAX_DECOMPRESSED_CERTIFICATE} keyhole inflates`, 'tls.handshake.decompression-failed');
    return undefined;
  }
  try {
    const bytes = new Uint8Array(inflate(data, { maxOutputLength: Math.max(expected, 1) }));
    if (bytes.length !== expected) c.report(`the certificate decompressed to ${bytes.length} bytes, not the announced ${expected}`, 'tls.handshake.decompression-failed');
    return bytes;
  } catch (error) {
    // node:zlib throws on corrupt input and when the output would pass maxOutputLength.
    c.report(`the certificate did not decompress within ${expected} bytes: ${error instanceof Error ? error.message : String(error)}`, 'tls.handshake.decompression-failed');
    return undefined;
  }
}

function decodeDecompressed(bytes: Uint8Array): DecompressedCertificate {
  const diagnostics: Diagnostic[] = [];
  const cursor = Cursor.over(bytes, diagnostics, 'tls.handshake.malformed', 'decompressed certificate: ');
  const certificate = readCertificate(cursor, true);
  cursor.finish('certificate');
  return { bytes, certificate, diagnostics };
}

export function decodeCompressedCertificate(c: Cursor): CompressedCertificate {
  const algorithm = c.named(2, 'compression algorithm', certificateCompressionAlgorithmName);
  const uncompressedLength = c.u24('uncompressed length');
  const compressed = c.opaque(3, 'compressed certificate message');
  const bytes = algorithm === undefined || uncompressedLength === undefined || compressed === undefined
    ? undefined
    : decompress(c, algorithm.value, uncompressedLength.value, compressed.data.value);
  const decompressed = bytes === undefined ? undefined : decodeDecompressed(bytes);
  return { kind: 'compressed_certificate', algorithm, uncompressedLength, compressed, decompressed };
}

export function compressedCertificateTree(message: CompressedCertificate): TreeNode[] {
  // The decompressed bytes are not in the message, so the hex view has nothing to point at.
  const inner = message.decompressed === undefined ? [] : [branch('Decompressed Certificate', withoutSpans(certificateTree(message.decompressed.certificate)), `${message.decompressed.bytes.length} bytes`)];
  return [
    ...namedValueNode('Algorithm', message.algorithm, 2),
    ...numberNode('Uncompressed Length', message.uncompressedLength),
    ...opaqueNodes('Compressed Certificate Message', message.compressed),
    ...inner,
  ];
}
