/**
 * The boundary to @peculiar/asn1-schema, which throws on bad input: every parse goes through
 * here and comes back as a DecodeResult, so no decoder above it can throw.
 */
import { AsnConvert, AsnParser } from '@peculiar/asn1-schema';
import { diagnostic, type DiagnosticCode } from '../../diagnostics.js';
import { invalid, ok, type DecodeResult } from '../../decode-result.js';
import { readTlv } from './der.js';

function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Parses exactly one DER value as `schema`. The library's list types are Array subclasses whose
 * map() keeps the subclass: callers copy them with Array.from() so results stay plain data. Trailing bytes are refused, because the library
 * would silently ignore them.
 */
export function parseAs<T>(bytes: Uint8Array, schema: new () => T, code: DiagnosticCode, what: string): DecodeResult<T> {
  const frame = readTlv(bytes);
  if (frame.kind !== 'ok' || frame.used !== bytes.length) {
    const detail = frame.kind === 'ok' ? `${bytes.length - frame.used} bytes follow the value` : 'its length runs past the end';
    return invalid(diagnostic(code, `${what} does not parse: ${detail}`));
  }
  try {
    return ok(AsnParser.parse(bytes, schema), bytes.length);
  } catch (error) {
    return invalid(diagnostic(code, `${what} does not parse: ${reason(error)}`));
  }
}

/** Re-encodes a parsed value (used for names nested in extensions, to read them like the TBS names). */
export function encodeAgain(value: object): Uint8Array | undefined {
  try {
    return new Uint8Array(AsnConvert.serialize(value));
  } catch {
    return undefined;
  }
}

/** Applies `convert` to an ok value; other results pass through. */
export function mapResult<A, B>(result: DecodeResult<A>, convert: (value: A) => B): DecodeResult<B> {
  return result.kind === 'ok' ? ok(convert(result.value), result.used) : result;
}
