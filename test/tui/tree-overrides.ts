/** Tree overrides for tests that need every node of a detail tree in view. */
import type { TreeNode } from '../../dissect/tree.js';

/** Overrides that open every node of a tree, ids as treeRows numbers them. */
export function everyNodeOpen(nodes: readonly TreeNode[], prefix = '', into = new Map<string, boolean>()): Map<string, boolean> {
  nodes.forEach((node, i) => {
    into.set(`${prefix}${i}`, true);
    everyNodeOpen(node.children ?? [], `${prefix}${i}.`, into);
  });
  return into;
}
