/**
 * Content codings (RFC 9110 8.4.1): gzip, deflate and br, undone in reverse order of application
 * with node:zlib. Output is bounded, since a few kilobytes of gzip can claim gigabytes.
 * "deflate" is meant to be zlib-wrapped (RFC 1950) but some servers send raw DEFLATE (RFC 1951);
 * the zlib header's check bits tell them apart.
 */
import { brotliDecompressSync, gunzipSync, inflateRawSync, inflateSync } from 'node:zlib';
import { diagnostic, type Diagnostic } from '../diagnostics.js';

/** Decompressed bytes kept per body before decoding gives up. */
export const MAX_DECODED_BYTES = 64 * 1024 * 1024;

type Inflate = (input: Uint8Array, options: { maxOutputLength: number }) => Buffer;

function isZlibWrapped(input: Uint8Array): boolean {
  const cmf = input[0] ?? 0;
  const flg = input[1] ?? 0;
  return (cmf & 0x0f) === 8 && ((cmf << 8) | flg) % 31 === 0;
}

const CODINGS: Readonly<Record<string, Inflate>> = {
  gzip: gunzipSync,
  'x-gzip': gunzipSync,
  deflate: (input, options) => (isZlibWrapped(input) ? inflateSync(input, options) : inflateRawSync(input, options)),
  br: brotliDecompressSync,
};

export interface DecodedBody {
  /** The decoded bytes, or undefined when a coding failed or is unknown. */
  readonly bytes: Uint8Array | undefined;
  readonly diagnostics: Diagnostic[];
}

/** Undoes `codings` (in the order they were applied, as Content-Encoding lists them). */
export function decodeContent(body: Uint8Array, codings: readonly string[], maxOutput = MAX_DECODED_BYTES, frame?: number): DecodedBody {
  let bytes = body;
  for (const coding of [...codings].reverse()) {
    if (coding === 'identity') continue;
    const inflate = CODINGS[coding];
    if (inflate === undefined) return { bytes: undefined, diagnostics: [diagnostic('http.unknown-encoding', `content coding '${coding}' is not decoded`, frame)] };
    try {
      bytes = new Uint8Array(inflate(bytes, { maxOutputLength: maxOutput }));
    } catch (error) {
      const tooLarge = error instanceof RangeError;
      const d = tooLarge
        ? diagnostic('http.decoded-too-large', `a ${coding} body decodes to more than ${maxOutput} bytes`, frame)
        : diagnostic('http.bad-encoding', `a ${coding} body does not decode: ${error instanceof Error ? error.message : String(error)}`, frame);
      return { bytes: undefined, diagnostics: [d] };
    }
  }
  return { bytes, diagnostics: [] };
}
