/**
 * Turns a filter's syntax tree into a predicate over a frame's field values, resolving field
 * names against the registry and literals against each field's type. Multi-valued fields follow
 * Wireshark 4.0 (checked with tshark 4.0.17 on tls12-dsb.pcapng): "==" is true when any value
 * equals; "!=" when the field is present and no value equals (all_ne); "===" when every value
 * equals; "!==" (and the older "~=") when some value differs; ordering, "contains" and
 * "matches" are true when any value satisfies them. A test on an absent field is false.
 * "matches" is a case-insensitive regular expression, as Wireshark 4.0's PCRE2 default is.
 */
import type { CompareOp, FilterNode, Operand, SetMember } from './ast.js';
import { literalOf, valueContains, valueEquals, valueOrder } from './compare.js';
import { FilterError, nearestName } from './errors.js';
import { FIELDS, type FieldInfo } from './fields/index.js';
import { LITERAL_READERS, type Literal } from './literals.js';
import { parseFilterSyntax } from './parser.js';
import type { FieldLookup, FieldType, FieldValue } from './values.js';

export interface CompiledFilter {
  readonly text: string;
  /** The fields the filter reads, so only those are extracted. */
  readonly fields: ReadonlySet<string>;
  readonly test: (values: FieldLookup) => boolean;
}

export type CompileResult = { readonly ok: true; readonly filter: CompiledFilter } | { readonly ok: false; readonly error: FilterError };

type Predicate = (values: FieldLookup) => boolean;
/** The right-hand side of a test: fixed literals, or another field's values in the same frame. */
type Right = (values: FieldLookup) => readonly Literal[];
type ValueTest = (value: FieldValue, literal: Literal) => boolean;

const CONTAINER_TYPES: ReadonlySet<FieldType> = new Set<FieldType>(['string', 'bytes', 'ether']);
const RANGE_TYPES: ReadonlySet<FieldType> = new Set<FieldType>(['uint', 'bool', 'float']);

function byOrder(holds: (order: number) => boolean): ValueTest {
  return (value, literal) => {
    const order = valueOrder(value, literal);
    return order !== undefined && holds(order);
  };
}

type TestOp = Exclude<CompareOp, 'matches'>;

/** What one value must do against one literal, per operator. */
const VALUE_TESTS: Readonly<Record<TestOp, ValueTest>> = {
  any_eq: valueEquals,
  all_ne: valueEquals,
  all_eq: valueEquals,
  any_ne: valueEquals,
  lt: byOrder((o) => o < 0),
  le: byOrder((o) => o <= 0),
  gt: byOrder((o) => o > 0),
  ge: byOrder((o) => o >= 0),
  contains: valueContains,
};

type Quantifier = (values: readonly FieldValue[], holds: (value: FieldValue) => boolean) => boolean;
const some: Quantifier = (values, holds) => values.some(holds);

/** How the per-value answers combine, per operator (Wireshark 4.0's any/all forms). */
const QUANTIFIERS: Readonly<Record<TestOp, Quantifier>> = {
  any_eq: some,
  all_ne: (values, holds) => values.every((v) => !holds(v)),
  all_eq: (values, holds) => values.every(holds),
  any_ne: (values, holds) => values.some((v) => !holds(v)),
  lt: some,
  le: some,
  gt: some,
  ge: some,
  contains: some,
};

export function compileFilter(text: string): CompileResult {
  try {
    const fields = new Set<string>();
    const test = new Compiler(fields).node(parseFilterSyntax(text));
    return { ok: true, filter: { text, fields, test } };
  } catch (error) {
    if (error instanceof FilterError) return { ok: false, error };
    throw error;
  }
}

class Compiler {
  constructor(private readonly used: Set<string>) {}

  node(node: FilterNode): Predicate {
    switch (node.kind) {
      case 'and': {
        const [left, right] = [this.node(node.left), this.node(node.right)];
        return (v) => left(v) && right(v);
      }
      case 'or': {
        const [left, right] = [this.node(node.left), this.node(node.right)];
        return (v) => left(v) || right(v);
      }
      case 'xor': {
        const [left, right] = [this.node(node.left), this.node(node.right)];
        return (v) => left(v) !== right(v);
      }
      case 'not': {
        const operand = this.node(node.operand);
        return (v) => !operand(v);
      }
      case 'exists': {
        const field = this.field(node.field);
        return (v) => v(field.name).length > 0;
      }
      case 'compare':
        return this.compare(node.op, this.field(node.left), node.right);
      case 'in':
        return this.membership(this.field(node.left), node.members);
    }
  }

  private field(operand: Operand): FieldInfo {
    const info = operand.kind === 'word' ? FIELDS.get(operand.text) : undefined;
    if (info === undefined) {
      if (operand.kind === 'string') throw new FilterError(`expected a field name, found the string "${operand.text}"`, operand.column, operand.length);
      throw new FilterError(`"${operand.text}" is not a valid protocol or protocol field`, operand.column, operand.length, nearestName(operand.text, FIELDS.keys()));
    }
    this.used.add(info.name);
    return info;
  }

  private compare(op: CompareOp, field: FieldInfo, operand: Operand): Predicate {
    if (field.type === 'protocol') throw new FilterError(`${field.name} is a protocol or a subtree and cannot be compared; test its presence alone`, operand.column, operand.length);
    if (op === 'matches') return this.matches(field, operand);
    if (op === 'contains' && !CONTAINER_TYPES.has(field.type)) throw new FilterError(`${field.name} (${field.type}) cannot be used with "contains"`, operand.column, operand.length);
    // A MAC address "contains" any run of bytes, not only another 6-byte address.
    const right = this.right(field, operand, op === 'contains' && field.type === 'ether' ? 'bytes' : field.type);
    return quantified(op, field.name, right);
  }

  private matches(field: FieldInfo, operand: Operand): Predicate {
    if (field.type !== 'string') throw new FilterError(`${field.name} (${field.type}) cannot be used with "matches"; it needs a text field`, operand.column, operand.length);
    let pattern: RegExp;
    try {
      pattern = new RegExp(operand.text, 'i');
    } catch (error) {
      throw new FilterError(`"${operand.text}" is not a valid regular expression: ${error instanceof Error ? error.message : String(error)}`, operand.column, operand.length);
    }
    return (v) => v(field.name).some((value) => typeof value === 'string' && pattern.test(value));
  }

  /** Another field when the word names one (Wireshark 4.0 does the same), else a literal of the field's type. */
  private right(field: FieldInfo, operand: Operand, readAs: FieldType): Right {
    const other = operand.kind === 'word' ? FIELDS.get(operand.text) : undefined;
    if (other !== undefined) {
      if (other.type !== field.type) throw new FilterError(`${field.name} (${field.type}) and ${other.name} (${other.type}) cannot be compared`, operand.column, operand.length);
      this.used.add(other.name);
      return (v) => v(other.name).map(literalOf);
    }
    const literal = [this.literal(field, operand, readAs)];
    return () => literal;
  }

  private literal(field: FieldInfo, operand: Operand, readAs: FieldType = field.type): Literal {
    const literal = LITERAL_READERS[readAs]?.(operand.text, operand.kind === 'string');
    if (literal !== undefined) return literal;
    const looksLikeField = operand.kind === 'word' && /^[a-z][a-z0-9_]*\.[a-z0-9_.]+$/i.test(operand.text) && !/^[\d.]+$/.test(operand.text);
    throw new FilterError(
      `"${operand.text}" is not a valid ${readAs} value for ${field.name}`,
      operand.column,
      operand.length,
      looksLikeField ? nearestName(operand.text, FIELDS.keys()) : undefined,
    );
  }

  private membership(field: FieldInfo, members: readonly SetMember[]): Predicate {
    if (field.type === 'protocol') throw new FilterError(`${field.name} is a protocol or a subtree and cannot be in a set`, members[0]?.low.column ?? 1);
    const tests = members.map((member): ((value: FieldValue) => boolean) => {
      const low = this.literal(field, member.low);
      if (member.high === undefined) return (value) => valueEquals(value, low);
      if (!RANGE_TYPES.has(field.type)) throw new FilterError(`${field.name} (${field.type}) cannot take a range`, member.low.column, member.low.length);
      const high = this.literal(field, member.high);
      return (value) => (valueOrder(value, low) ?? -1) >= 0 && (valueOrder(value, high) ?? 1) <= 0;
    });
    return (v) => v(field.name).some((value) => tests.some((t) => t(value)));
  }
}

/** Applies the operator to every value and every right-hand literal; an absent field fails every test. */
function quantified(op: TestOp, field: string, right: Right): Predicate {
  const holds = VALUE_TESTS[op];
  const quantifier = QUANTIFIERS[op];
  return (v) => {
    const values = v(field);
    const literals = right(v);
    if (values.length === 0 || literals.length === 0) return false;
    return quantifier(values, (value) => literals.some((l) => holds(value, l)));
  };
}
