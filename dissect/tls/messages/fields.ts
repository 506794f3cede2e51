/**
 * Shapes of decoded TLS fields (RFC 8446 3, RFC 5246 4: presentation language). Every field keeps
 * the span of its bytes, relative to the start of the handshake message body, so the hex view can
 * highlight it and the tree can point at it.
 */
import type { Span } from '../../tree.js';

export type { Span } from '../../tree.js';

export interface Field<T> {
  readonly value: T;
  readonly span: Span;
}

/** A variable-length vector `T items<floor..ceiling>`: its length prefix and the items it held. */
export interface Vector<T> {
  readonly length: Field<number>;
  readonly items: readonly T[];
  /** Length prefix and contents together. */
  readonly span: Span;
}

/** A variable-length `opaque data<floor..ceiling>`: its length prefix and the bytes it held. */
export interface Opaque {
  readonly length: Field<number>;
  readonly data: Field<Uint8Array>;
  readonly span: Span;
}

/** A wire value and its registry name ("x25519", "GREASE (0x1a1a)", or the number itself). */
export interface NamedValue extends Field<number> {
  readonly name: string;
}

/** A length-prefixed string (host name, ALPN protocol); `text` is its UTF-8 reading. */
export interface TextOpaque extends Opaque {
  readonly text: string;
}
