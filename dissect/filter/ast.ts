/** The syntax tree of a display filter, before field names and literals are resolved. */

export type CompareOp = 'any_eq' | 'all_ne' | 'all_eq' | 'any_ne' | 'lt' | 'le' | 'gt' | 'ge' | 'contains' | 'matches';

/** A field name or an unquoted literal (which one is decided against the field registry), or a quoted string. */
export interface Operand {
  readonly kind: 'word' | 'string';
  readonly text: string;
  readonly column: number;
  readonly length: number;
}

export interface SetMember {
  readonly low: Operand;
  /** Present for a range "low..high". */
  readonly high?: Operand;
}

export type FilterNode =
  | { readonly kind: 'and' | 'or' | 'xor'; readonly left: FilterNode; readonly right: FilterNode }
  | { readonly kind: 'not'; readonly operand: FilterNode }
  | { readonly kind: 'exists'; readonly field: Operand }
  | { readonly kind: 'compare'; readonly op: CompareOp; readonly left: Operand; readonly right: Operand }
  | { readonly kind: 'in'; readonly left: Operand; readonly members: readonly SetMember[] };
