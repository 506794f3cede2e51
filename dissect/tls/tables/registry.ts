/**
 * Shared machinery of the TLS registries (IANA "TLS Parameters"): wire value -> name maps built once
 * from `as const` tables, and total name functions. Wire enums are open (RFC 8446 4.1.2 style): an
 * unassigned value still prints, as hex, and RFC 8701 GREASE values print as such.
 */
import { isGrease16 } from './grease.js';

/** Bytes the registry's wire field occupies; decides how many hex digits an unknown value gets. */
export type WireWidth = 1 | 2;

export interface Registry {
  readonly names: ReadonlyMap<number, string>;
  readonly width: WireWidth;
  /** Values reserved by RFC 8701 for this registry; absent where the registry has none. */
  readonly grease?: (value: number) => boolean;
}

/** "0x1234" for a 16-bit field, "0x12" for an 8-bit one; anything that is no wire value prints as is. */
export function hexValue(value: number, width: WireWidth): string {
  if (!Number.isSafeInteger(value) || value < 0) return String(value);
  return `0x${value.toString(16).padStart(width * 2, '0')}`;
}

/** Builds the lookup map of a table written as `{ [wireValue]: entry }`. */
export function byWireValue<Entry>(table: Readonly<Record<number, Entry>>): ReadonlyMap<number, Entry> {
  return new Map(Object.entries(table).map(([value, entry]) => [Number(value), entry]));
}

/** Builds the lookup map of a constants object written as `{ name: wireValue }`. */
export function namesOfConstants(constants: Readonly<Record<string, number>>): ReadonlyMap<number, string> {
  return new Map(Object.entries(constants).map(([name, value]) => [value, name]));
}

/** A 16-bit registry in which RFC 8701 reserves the 0x?a?a values. */
export function greasedRegistry(names: ReadonlyMap<number, string>): Registry {
  return { names, width: 2, grease: isGrease16 };
}

/** The registry's name for a value; never fails. */
export function nameIn(registry: Registry, value: number): string {
  const known = registry.names.get(value);
  if (known !== undefined) return known;
  const asHex = hexValue(value, registry.width);
  return registry.grease?.(value) === true ? `GREASE (${asHex})` : asHex;
}

export type Namer = (value: number) => string;

/** The total name function of a registry. */
export function namer(registry: Registry): Namer {
  return (value) => nameIn(registry, value);
}
