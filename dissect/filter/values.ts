/**
 * Field types and values as the filter engine sees them (a subset of Wireshark's ftypes):
 * integers and booleans as numbers, addresses and byte strings as bytes, text as strings.
 * A field may occur several times in one frame, so a frame holds a list of values per field.
 */

export type FieldType = 'protocol' | 'uint' | 'bool' | 'float' | 'ipv4' | 'ipv6' | 'ether' | 'string' | 'bytes';

export type FieldValue = number | string | Uint8Array;

/** Protocols and FT_NONE fields carry no value; their presence is one of these. */
export const PRESENT: FieldValue = 1;

/** The values one frame (or anything else filtered) carries, by field name. */
export type FieldLookup = (field: string) => readonly FieldValue[];

export class FrameValues {
  private readonly byField = new Map<string, FieldValue[]>();

  add(field: string, value: FieldValue): void {
    const list = this.byField.get(field);
    if (list === undefined) this.byField.set(field, [value]);
    else list.push(value);
  }

  readonly lookup: FieldLookup = (field) => this.byField.get(field) ?? [];
}
