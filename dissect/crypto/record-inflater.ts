/**
 * DEFLATE record compression (RFC 3749 2.1): one compressor per direction, flushed with
 * Z_SYNC_FLUSH after every record, so later records refer back into earlier ones. node:zlib's
 * synchronous calls keep no stream between calls, but after a sync flush the only state a
 * decoder carries is the last 32 KiB of output (RFC 1951 2, 3.2.5): each record is inflated on
 * its own with that window as a preset dictionary.
 */
import { constants, inflateRawSync } from 'node:zlib';
import { concatBytes } from '../bytes.js';
import { fromBuffer } from './hash.js';

const WINDOW = 32 * 1024;
/** RFC 5246 6.2.2: a decompressed fragment is at most 2^14 bytes. */
const MAX_PLAINTEXT = 16 * 1024;

export type Inflated = { readonly ok: true; readonly plaintext: Uint8Array } | { readonly ok: false; readonly reason: string };

/** RFC 1950 2.2: CM = 8 (deflate), FCHECK makes CMF·256 + FLG a multiple of 31, no preset dictionary. */
function isZlibHeader(bytes: Uint8Array): boolean {
  const cmf = bytes[0] ?? 0;
  const flg = bytes[1] ?? 0;
  return bytes.length >= 2 && (cmf & 0x0f) === 8 && ((cmf << 8) | flg) % 31 === 0 && (flg & 0x20) === 0;
}

export class RecordInflater {
  private window: Uint8Array = new Uint8Array(0);
  private started = false;

  inflate(compressed: Uint8Array): Inflated {
    // The stream opens with a zlib header (OpenSSL and GnuTLS use zlib's deflateInit); raw data is accepted too.
    const body = !this.started && isZlibHeader(compressed) ? compressed.subarray(2) : compressed;
    this.started = true;
    try {
      const plaintext = fromBuffer(inflateRawSync(body, {
        finishFlush: constants.Z_SYNC_FLUSH,
        maxOutputLength: MAX_PLAINTEXT,
        ...(this.window.length > 0 ? { dictionary: this.window } : {}),
      }));
      this.window = concatBytes([this.window, plaintext]).slice(-WINDOW);
      return { ok: true, plaintext };
    } catch (error) {
      return { ok: false, reason: `DEFLATE: ${error instanceof Error ? error.message : String(error)}` };
    }
  }
}
