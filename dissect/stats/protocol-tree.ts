/**
 * A protocol hierarchy as `tshark -q -z io,phs` prints it: each frame counted once at every layer
 * of its path (eth → ip → tcp → tls → http), children in the order first seen. Layer names are
 * Wireshark's filter names and come from fixed tables, so the tree stays small.
 */

export interface ProtocolNode {
  readonly name: string;
  readonly frames: number;
  readonly bytes: number;
  readonly children: readonly ProtocolNode[];
}

interface MutableNode {
  frames: number;
  bytes: number;
  readonly children: Map<string, MutableNode>;
}

function emptyNode(): MutableNode {
  return { frames: 0, bytes: 0, children: new Map() };
}

function frozen(name: string, node: MutableNode): ProtocolNode {
  return { name, frames: node.frames, bytes: node.bytes, children: [...node.children].map(([child, n]) => frozen(child, n)) };
}

export class ProtocolTree {
  private readonly root = emptyNode();

  /** One frame of `bytes` bytes whose layers, outermost first, are `path`. */
  add(path: readonly string[], bytes: number): void {
    let node = this.root;
    for (const name of path) {
      let child = node.children.get(name);
      if (child === undefined) {
        child = emptyNode();
        node.children.set(name, child);
      }
      child.frames++;
      child.bytes += bytes;
      node = child;
    }
  }

  nodes(): ProtocolNode[] {
    return frozen('', this.root).children.slice();
  }
}
