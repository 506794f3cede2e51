/**
 * What a capture file yields: frames (numbered from 1 like Wireshark), secrets embedded in pcapng
 * Decryption Secrets Blocks, and diagnostics. Frames are handed to a sink synchronously; their
 * `data` is a view into the reader's reused buffer and is valid only during the call.
 */
import type { Diagnostic } from '../diagnostics.js';

export type CaptureFormat = 'pcap' | 'pcap-ns' | 'pcap-modified' | 'pcapng';

export interface Frame {
  /** 1-based, continuous across pcapng sections. */
  readonly number: number;
  /** Seconds since the epoch. */
  readonly tsSec: number;
  /** Nanoseconds within the second (0..999,999,999). */
  readonly tsNsec: number;
  readonly linkType: number;
  readonly interfaceId: number;
  readonly originalLength: number;
  /** The captured bytes; `data.length` is the captured length. */
  readonly data: Uint8Array;
  /** Offset of `data` in the (decompressed) capture file, so a viewer can re-read it on demand. */
  readonly fileOffset: number;
}

export interface InterfaceInfo {
  readonly id: number;
  readonly linkType: number;
  readonly snapLength: number;
  readonly name?: string;
  /** Timestamp units per second (1e6 for microseconds, 1e9 for nanoseconds, 2^n for binary resolutions). */
  readonly unitsPerSecond: number;
}

export interface DecryptionSecrets {
  /** pcapng secrets type, e.g. 0x544c534b ("TLSK", an NSS key log). */
  readonly type: number;
  readonly data: Uint8Array;
  /** The number of the last frame read before this block; secrets apply to what follows. */
  readonly afterFrame: number;
}

export interface CaptureSink {
  onFrame(frame: Frame): void;
  onInterface?(info: InterfaceInfo): void;
  onSecrets?(secrets: DecryptionSecrets): void;
  onDiagnostic?(diagnostic: Diagnostic): void;
}

export interface CaptureSummary {
  readonly format: CaptureFormat;
  readonly compressed: boolean;
  readonly frames: number;
  readonly interfaces: readonly InterfaceInfo[];
  /** Bytes of the capture file read (compressed size for gzip files). */
  readonly fileBytes: number;
  readonly truncated: boolean;
  readonly firstTime?: { readonly sec: number; readonly nsec: number };
  readonly lastTime?: { readonly sec: number; readonly nsec: number };
}

/** Raised only when the input is unusable (missing, unreadable, not a capture); the CLI prints its message. */
export class CaptureError extends Error {
  override readonly name = 'CaptureError';
}
