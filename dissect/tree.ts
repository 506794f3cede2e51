/**
 * The layered detail tree every decoder can produce (what `dissect -V` prints and the terminal
 * UI expands). Spans are byte offsets into the bytes the decoder was given; callers shift them
 * to frame or record offsets so the hex view can highlight them.
 */
export interface Span {
  readonly start: number;
  readonly end: number;
}

export interface TreeNode {
  readonly label: string;
  readonly value?: string;
  readonly span?: Span;
  readonly children?: readonly TreeNode[];
}

export function leaf(label: string, value: string, span?: Span): TreeNode {
  return span === undefined ? { label, value } : { label, value, span };
}

export function branch(label: string, children: readonly TreeNode[], value?: string, span?: Span): TreeNode {
  const node: { label: string; children: readonly TreeNode[]; value?: string; span?: Span } = { label, children };
  if (value !== undefined) node.value = value;
  if (span !== undefined) node.span = span;
  return node;
}
