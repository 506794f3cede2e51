/**
 * One message body as it arrives (RFC 9110 6.4): counted always, held only when it must be
 * decoded or was asked for, and never past a bound (a body larger than the bound is counted
 * and reported, not kept).
 */
import { concatBytes } from '../bytes.js';
import { diagnostic, type Diagnostic } from '../diagnostics.js';
import { decodeContent } from './content-coding.js';

export interface BodyOptions {
  /** Keep decoded bodies on the exchanges. */
  readonly keepBodies: boolean;
  /** Bytes of one body held for decoding or keeping. */
  readonly maxBodyBytes: number;
  /**
   * Also keep a content-coded body as it was sent (before gzip, deflate or br decoding), for
   * consumers that must repeat the exact bytes (the mock server).
   */
  readonly keepWireBodies?: boolean;
}

export const DEFAULT_BODY_OPTIONS: BodyOptions = { keepBodies: false, maxBodyBytes: 16 * 1024 * 1024 };

export interface FinishedBody {
  /** Body bytes after transfer decoding (dechunked), before content decoding. */
  readonly size: number;
  /** Bytes after content decoding; null when a coding is unknown, failed, or the body was too large to hold. */
  readonly decodedSize: number | null;
  /** The decoded body, when bodies are kept. */
  readonly bytes: Uint8Array | null;
  /** The content-coded body as sent, when asked for (keepWireBodies) and it was coded; `bytes` otherwise. */
  readonly wireBytes: Uint8Array | null;
  readonly diagnostics: Diagnostic[];
}

export class BodyCollector {
  size = 0;
  private parts: Uint8Array[] = [];
  private held = 0;
  private overflowed = false;
  private readonly holds: boolean;

  constructor(
    private readonly codings: readonly string[],
    private readonly options: BodyOptions,
  ) {
    this.holds = options.keepBodies || codings.some((c) => c !== 'identity');
  }

  /** `bytes` may be a view into a capture buffer: what is held is copied. */
  add(bytes: Uint8Array): void {
    this.size += bytes.length;
    if (!this.holds || this.overflowed || bytes.length === 0) return;
    if (this.held + bytes.length > this.options.maxBodyBytes) {
      this.overflowed = true;
      this.parts = [];
      return;
    }
    this.parts.push(bytes.slice());
    this.held += bytes.length;
  }

  finish(frame?: number): FinishedBody {
    if (this.overflowed) {
      const d = diagnostic('http.body-too-large', `a body of ${this.size} bytes is over the ${this.options.maxBodyBytes}-byte bound`, frame);
      return { size: this.size, decodedSize: null, bytes: null, wireBytes: null, diagnostics: [d] };
    }
    // No body (HEAD, 304) has nothing to decode, whatever Content-Encoding says.
    if (!this.holds || this.size === 0) return { size: this.size, decodedSize: this.size, bytes: this.options.keepBodies ? new Uint8Array(0) : null, wireBytes: null, diagnostics: [] };
    const wire = concatBytes(this.parts);
    const decoded = decodeContent(wire, this.codings, undefined, frame);
    this.parts = [];
    const coded = this.codings.some((c) => c !== 'identity');
    return {
      size: this.size,
      decodedSize: decoded.bytes?.length ?? null,
      bytes: this.options.keepBodies ? (decoded.bytes ?? null) : null,
      wireBytes: this.options.keepWireBodies === true && coded ? wire : null,
      diagnostics: decoded.diagnostics,
    };
  }
}
