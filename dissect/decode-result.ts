import type { Diagnostic } from './diagnostics.js';

/**
 * The only return shape of a byte decoder: it either produced a value from the first `used`
 * bytes, needs more bytes than it was given, or found the bytes invalid (with the reason).
 * Decoders never throw on bad input.
 */
export type DecodeResult<T> =
  | { readonly kind: 'ok'; readonly value: T; readonly used: number }
  | { readonly kind: 'need-more'; readonly needed?: number }
  | { readonly kind: 'invalid'; readonly diagnostic: Diagnostic };

export function ok<T>(value: T, used: number): DecodeResult<T> {
  return { kind: 'ok', value, used };
}

export const NEED_MORE: DecodeResult<never> = { kind: 'need-more' };

export function needMore(needed?: number): DecodeResult<never> {
  return needed === undefined ? NEED_MORE : { kind: 'need-more', needed };
}

export function invalid(diagnostic: Diagnostic): DecodeResult<never> {
  return { kind: 'invalid', diagnostic };
}
