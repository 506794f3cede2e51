/**
 * Builders for the detail tree of handshake messages and extensions, labelled the way Wireshark
 * labels them ("Cipher Suites (17 suites)", "Version: TLS 1.2 (0x0303)"). A field that did not
 * decode yields no node, so each builder returns a list that callers spread.
 */
import { hex } from '../../bytes.js';
import { type TreeNode, branch, leaf } from '../../tree.js';
import type { Field, NamedValue, Opaque, Vector } from './fields.js';

/** "0x0303" for a two-byte field, "0x01" for a one-byte one. */
export function hexNumber(value: number, width: 1 | 2 | 3 | 4): string {
  return `0x${value.toString(16).padStart(width * 2, '0')}`;
}

/**
 * "TLS 1.2 (0x0303)" for two-byte values, "null (0)" for one-byte ones, as Wireshark prints them.
 * The tables print an unassigned value as bare hex and GREASE as "GREASE (0x1a1a)"; neither needs
 * the number again.
 */
export function named(name: string, value: number, width: 1 | 2): string {
  const asHex = hexNumber(value, width);
  const number = width === 1 ? String(value) : asHex;
  if (name === asHex) return `Unknown (${number})`;
  return name.includes(asHex) ? name : `${name} (${number})`;
}

export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}

/** A leaf for a field shown by `show`; nothing when the field did not decode. */
export function fieldNode<T>(label: string, field: Field<T> | undefined, show: (value: T) => string): TreeNode[] {
  return field === undefined ? [] : [leaf(label, show(field.value), field.span)];
}

export function numberNode(label: string, field: Field<number> | undefined): TreeNode[] {
  return fieldNode(label, field, String);
}

/** Long byte strings show their first bytes and "…", as Wireshark does; the span still covers all. */
const SHOWN_BYTES = 36;

function shortHex(bytes: Uint8Array): string {
  return bytes.length > SHOWN_BYTES ? `${hex(bytes.subarray(0, SHOWN_BYTES))}…` : hex(bytes);
}

export function bytesNode(label: string, field: Field<Uint8Array> | undefined): TreeNode[] {
  return fieldNode(label, field, shortHex);
}

/** "Session ID Length: 32" and "Session ID: 23c3…" (the data only when there is some). */
export function opaqueNodes(label: string, opaque: Opaque | undefined): TreeNode[] {
  if (opaque === undefined) return [];
  const data = opaque.data.value.length === 0 ? [] : bytesNode(label, opaque.data);
  return [...numberNode(`${label} Length`, opaque.length), ...data];
}

export interface ListLabels {
  /** Label of the length prefix, e.g. "Cipher Suites Length". */
  readonly length: string;
  /** Label of the list, e.g. "Cipher Suites". */
  readonly list: string;
  /** Singular unit for the count, e.g. "suite"; the plural adds "s" unless given. */
  readonly unit: string;
  readonly units?: string;
}

/** "Cipher Suites Length: 34" and "Cipher Suites (17 suites)" with one child per item. */
export function vectorNodes<T>(labels: ListLabels, vector: Vector<T> | undefined, item: (value: T) => readonly TreeNode[]): TreeNode[] {
  if (vector === undefined) return [];
  const count = plural(vector.items.length, labels.unit, labels.units);
  return [
    ...numberNode(labels.length, vector.length),
    branch(`${labels.list} (${count})`, vector.items.flatMap(item), undefined, vector.span),
  ];
}

/** ISO 8601 for milliseconds since 1970; out-of-range values (Date would throw) print as numbers. */
export function isoTime(milliseconds: number): string {
  const date = new Date(milliseconds);
  return Number.isNaN(date.getTime()) ? `${milliseconds} ms since 1970 (out of range)` : date.toISOString();
}

/** "x25519 (0x001d)" for a registry value; the number alone for values no registry names. */
export function namedValueNode(label: string, value: NamedValue | undefined, width: 1 | 2 | 4, hasNames = true): TreeNode[] {
  if (value === undefined) return [];
  const shown = hasNames && width !== 4 ? named(value.name, value.value, width) : value.name;
  return [leaf(label, shown, value.span)];
}

/** One tree builder per member of a union tagged by `kind`. */
export type Renderers<U extends { readonly kind: string }> = {
  readonly [K in U['kind']]: (value: Extract<U, { readonly kind: K }>) => TreeNode[];
};

type ByKind<U extends { readonly kind: string }> = { [K in U['kind']]: Extract<U, { readonly kind: K }> };

/** Builds the tree of `value` with the builder its `kind` selects. */
export function renderByKind<U extends { readonly kind: string }, K extends U['kind']>(renderers: Renderers<U>, value: ByKind<U>[K] & { readonly kind: K }): TreeNode[] {
  const render: (value: ByKind<U>[K]) => TreeNode[] = renderers[value.kind];
  return render(value);
}

/** The same nodes without spans: for bytes that are not the message's (a decompressed certificate). */
export function withoutSpans(nodes: readonly TreeNode[]): TreeNode[] {
  return nodes.map((node) => {
    if (node.children !== undefined) return branch(node.label, withoutSpans(node.children), node.value);
    return node.value === undefined ? { label: node.label } : leaf(node.label, node.value);
  });
}
