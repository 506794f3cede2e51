/**
 * Reads the TLS presentation language (RFC 8446 3.3-3.4, RFC 5246 4.3-4.4): big-endian integers
 * and length-prefixed vectors. A cursor never throws: a field that runs past its window is
 * reported once (later fields then read as absent, silently, since they are the same fault), and
 * a vector whose length prefix claims more than its window holds is clamped to the window so the
 * items that are there still decode.
 */
import { type Diagnostic, type DiagnosticCode, diagnostic } from '../../diagnostics.js';
import { u16, u24, u32 } from '../../bytes.js';
import type { Field, NamedValue, Opaque, Span, Vector } from './fields.js';

/** Bytes of a vector's length prefix. */
export type LengthBytes = 1 | 2 | 3;

const READ_UINT: Record<1 | 2 | 3 | 4, (bytes: Uint8Array, at: number) => number> = {
  1: (bytes, at) => bytes[at] ?? 0,
  2: u16,
  3: u24,
  4: u32,
};

/** Where a cursor reports: the shared list of one message, under one code, with a prefix naming the part. */
interface Reporter {
  readonly into: Diagnostic[];
  readonly code: DiagnosticCode;
  readonly prefix: string;
}

export class Cursor {
  private position: number;
  /** Set once a read ran past the window; the fault is reported once. */
  private exhausted: boolean;

  private constructor(
    readonly bytes: Uint8Array,
    start: number,
    readonly end: number,
    private readonly reporter: Reporter,
    alreadyReported: boolean,
  ) {
    this.position = start;
    this.exhausted = alreadyReported;
  }

  /** A cursor over all of `bytes`, reporting into `diagnostics` under `code`. */
  static over(bytes: Uint8Array, diagnostics: Diagnostic[], code: DiagnosticCode, prefix = ''): Cursor {
    return new Cursor(bytes, 0, bytes.length, { into: diagnostics, code, prefix }, false);
  }

  get offset(): number {
    return this.position;
  }

  get remaining(): number {
    return this.end - this.position;
  }

  get atEnd(): boolean {
    return this.position >= this.end;
  }

  /** The same window from the current position, reporting under another code and prefix. */
  reportingAs(code: DiagnosticCode, prefix: string): Cursor {
    return new Cursor(this.bytes, this.position, this.end, { into: this.reporter.into, code, prefix }, false);
  }

  /** Records a problem that is not a short read (a bad value, a constraint broken); decoding goes on. */
  report(message: string, code: DiagnosticCode = this.reporter.code): void {
    this.reporter.into.push(diagnostic(code, `${this.reporter.prefix}${message}`));
  }

  /** Reports once that `what` needs more bytes than the window holds, and empties the window. */
  private shortRead(what: string, needed: number): undefined {
    if (!this.exhausted) {
      this.report(`${what} needs ${needed} byte${needed === 1 ? '' : 's'} at offset ${this.position}, but only ${this.remaining} remain`);
    }
    this.exhausted = true;
    this.position = this.end;
    return undefined;
  }

  uint(size: 1 | 2 | 3 | 4, what: string): Field<number> | undefined {
    if (this.remaining < size) return this.shortRead(what, size);
    const start = this.position;
    this.position += size;
    return { value: READ_UINT[size](this.bytes, start), span: { start, end: this.position } };
  }

  u8(what: string): Field<number> | undefined {
    return this.uint(1, what);
  }

  u16(what: string): Field<number> | undefined {
    return this.uint(2, what);
  }

  u24(what: string): Field<number> | undefined {
    return this.uint(3, what);
  }

  u32(what: string): Field<number> | undefined {
    return this.uint(4, what);
  }

  /** The integer `ahead` bytes past the position, without moving; undefined past the window. */
  peek(size: 1 | 2 | 3 | 4, ahead = 0): number | undefined {
    const at = this.position + ahead;
    return at + size > this.end ? undefined : READ_UINT[size](this.bytes, at);
  }

  /** An integer with its registry name (`name` is a ../tables name function; numbers print as is). */
  named(size: 1 | 2 | 4, what: string, name: (value: number) => string = String): NamedValue | undefined {
    const field = this.uint(size, what);
    return field === undefined ? undefined : { ...field, name: name(field.value) };
  }

  /** Exactly `count` bytes, as a view (no copy). */
  take(count: number, what: string): Field<Uint8Array> | undefined {
    if (this.remaining < count) return this.shortRead(what, count);
    const start = this.position;
    this.position += count;
    return { value: this.bytes.subarray(start, this.position), span: { start, end: this.position } };
  }

  /** Everything left in the window (possibly nothing). */
  rest(): Field<Uint8Array> {
    const start = this.position;
    this.position = this.end;
    return { value: this.bytes.subarray(start, this.end), span: { start, end: this.end } };
  }

  /**
   * A length prefix and a cursor over the bytes it covers. A prefix that claims more than the
   * window holds is reported and the body clamped to what is there.
   */
  window(lengthBytes: LengthBytes, what: string): { length: Field<number>; body: Cursor; span: Span } | undefined {
    const start = this.position;
    const length = this.uint(lengthBytes, `${what} length`);
    if (length === undefined) return undefined;
    const claimedEnd = this.position + length.value;
    let bodyEnd = claimedEnd;
    let clamped = false;
    if (claimedEnd > this.end) {
      if (!this.exhausted) this.report(`${what} claims ${length.value} bytes at offset ${this.position}, but only ${this.remaining} remain`);
      this.exhausted = true;
      bodyEnd = this.end;
      clamped = true;
    }
    const body = new Cursor(this.bytes, this.position, bodyEnd, this.reporter, clamped);
    this.position = bodyEnd;
    return { length, body, span: { start, end: bodyEnd } };
  }

  /** A cursor over the next `count` bytes (a length given elsewhere), clamped and reported if the window is shorter. */
  slice(count: number, what: string): Cursor {
    const clamped = count > this.remaining;
    if (clamped && !this.exhausted) this.report(`${what} claims ${count} bytes at offset ${this.position}, but only ${this.remaining} remain`);
    const end = clamped ? this.end : this.position + count;
    const body = new Cursor(this.bytes, this.position, end, this.reporter, clamped || this.exhausted);
    this.exhausted ||= clamped;
    this.position = end;
    return body;
  }

  /** `opaque data<..>` with a `lengthBytes` prefix. */
  opaque(lengthBytes: LengthBytes, what: string): Opaque | undefined {
    const vector = this.window(lengthBytes, what);
    if (vector === undefined) return undefined;
    return { length: vector.length, data: vector.body.rest(), span: vector.span };
  }

  /** A vector of items, each read by `readItem` until the vector's bytes are used up. */
  vector<T>(lengthBytes: LengthBytes, what: string, readItem: (body: Cursor) => T | undefined): Vector<T> | undefined {
    const vector = this.window(lengthBytes, what);
    if (vector === undefined) return undefined;
    return { length: vector.length, items: vector.body.each(readItem), span: vector.span };
  }

  /** Reads items until the window is used up or an item fails to read. */
  each<T>(readItem: (body: Cursor) => T | undefined): T[] {
    const items: T[] = [];
    while (!this.atEnd) {
      const before = this.position;
      const item = readItem(this);
      if (item === undefined || this.position === before) break;
      items.push(item);
    }
    return items;
  }

  /** Reports bytes left over after the last field of `what`. */
  finish(what: string): void {
    if (!this.atEnd && !this.exhausted) this.report(`${this.remaining} unexpected byte${this.remaining === 1 ? '' : 's'} after the end of the ${what} at offset ${this.position}`);
  }
}
