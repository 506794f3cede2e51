/** A TLS record as the record layer deframed it (RFC 8446 5.1, RFC 5246 6.2). */
import type { Direction } from '../tcp/half-stream.js';

/** Where a run of a record's bytes was captured. */
export interface RecordSpan {
  readonly frame: number;
  /** Offset in the frame's data, or -1 when the bytes came from reassembled IP fragments. */
  readonly frameOffset: number;
  readonly streamOffset: number;
  readonly length: number;
}

export interface TlsRecord {
  readonly direction: Direction;
  /** Index of the record within its direction, from 0. */
  readonly index: number;
  readonly contentType: number;
  readonly version: number;
  /** Declared fragment length. */
  readonly length: number;
  /** Stream offset of the 5-byte header. */
  readonly streamOffset: number;
  /** Frame holding the record's last byte (where Wireshark shows it). */
  readonly frame: number;
  readonly tsSec: number;
  readonly tsNsec: number;
  /** Where the header and fragment bytes came from, in order. */
  readonly spans: readonly RecordSpan[];
  /**
   * The fragment bytes, when the consumer asked for them. May be a view into the capture buffer:
   * valid only during the callback; copy what must outlive it.
   */
  readonly fragment: Uint8Array | undefined;
  /** Bytes of the fragment lost in a capture gap (the record cannot be decrypted). */
  readonly missing: number;
  /** An SSLv2-format record (only the ClientHello of SSLv2-compatible clients). */
  readonly sslv2: boolean;
}
