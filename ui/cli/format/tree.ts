/** Detail trees as indented text, the way `tshark -V` prints them. */
import type { TreeNode } from '../../../dissect/tree.js';

export function renderTree(nodes: readonly TreeNode[], indent = '    ', depth = 0, out: string[] = []): string[] {
  for (const node of nodes) {
    const pad = indent.repeat(depth);
    out.push(node.value === undefined || node.value === '' ? `${pad}${node.label}` : `${pad}${node.label}: ${node.value}`);
    if (node.children !== undefined) renderTree(node.children, indent, depth + 1, out);
  }
  return out;
}
