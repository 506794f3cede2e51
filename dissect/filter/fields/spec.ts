/** One row of a field table: the field's type and how to read its values from one kind of event. */
import type { FieldType, FieldValue } from '../values.js';

export interface FieldSpec<Context> {
  readonly type: FieldType;
  readonly values: (context: Context) => readonly FieldValue[];
}

export type FieldTable<Context> = Readonly<Record<string, FieldSpec<Context>>>;

/** Present-or-absent fields (protocols, FT_NONE subtrees). */
export function presence<Context>(when: (context: Context) => boolean): FieldSpec<Context> {
  return { type: 'protocol', values: (c) => (when(c) ? [1] : []) };
}
