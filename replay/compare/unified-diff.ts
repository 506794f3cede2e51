/**
 * Line diffs in the unified format of GNU diff (`diff -u`, POSIX.1-2024 "diff" extended
 * description): Myers' O((N+M)D) algorithm ("An O(ND) Difference Algorithm and Its Variations",
 * 1986) on what remains after the common prefix and suffix are cut off, with a bound on D so a
 * body that changed completely costs a plain "all removed, all added" instead of quadratic memory.
 */

export type EditKind = 'same' | 'removed' | 'added';

export interface Edit {
  readonly kind: EditKind;
  readonly line: string;
}

/** Beyond this many differing lines the diff gives up on alignment (memory grows with its square). */
const MAX_EDIT_DISTANCE = 2000;

const CONTEXT_LINES = 3;

export function diffLines(before: readonly string[], after: readonly string[]): Edit[] {
  let prefix = 0;
  while (prefix < before.length && prefix < after.length && before[prefix] === after[prefix]) prefix++;
  let suffix = 0;
  while (suffix < before.length - prefix && suffix < after.length - prefix && before[before.length - 1 - suffix] === after[after.length - 1 - suffix]) suffix++;
  const a = before.slice(prefix, before.length - suffix);
  const b = after.slice(prefix, after.length - suffix);
  const middle = shortestEdit(a, b) ?? [...a.map((line) => ({ kind: 'removed', line }) as const), ...b.map((line) => ({ kind: 'added', line }) as const)];
  const same = (line: string): Edit => ({ kind: 'same', line });
  return [...before.slice(0, prefix).map(same), ...middle, ...before.slice(before.length - suffix).map(same)];
}

/**
 * Myers' greedy forward search. `trace[d]` keeps the furthest x reached on diagonals -d-1..d+1
 * before round d, which is all the backtrack needs.
 */
function shortestEdit(a: readonly string[], b: readonly string[]): Edit[] | undefined {
  const n = a.length;
  const m = b.length;
  const offset = n + m + 1;
  const furthest = new Int32Array(2 * offset + 1);
  const trace: Int32Array[] = [];
  const at = (v: Int32Array, k: number): number => v[k + offset] ?? 0;
  for (let d = 0; d <= Math.min(n + m, MAX_EDIT_DISTANCE); d++) {
    trace.push(furthest.slice(offset - d - 1, offset + d + 2));
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && at(furthest, k - 1) < at(furthest, k + 1)) ? at(furthest, k + 1) : at(furthest, k - 1) + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      furthest[k + offset] = x;
      if (x >= n && y >= m) return backtrack(trace, a, b);
    }
  }
  return undefined;
}

function backtrack(trace: readonly Int32Array[], a: readonly string[], b: readonly string[]): Edit[] {
  const edits: Edit[] = [];
  let x = a.length;
  let y = b.length;
  for (let d = trace.length - 1; d >= 0; d--) {
    const round = trace[d] ?? new Int32Array(0);
    const reached = (k: number): number => round[k + d + 1] ?? 0;
    const k = x - y;
    const previousK = k === -d || (k !== d && reached(k - 1) < reached(k + 1)) ? k + 1 : k - 1;
    const previousX = reached(previousK);
    const previousY = previousX - previousK;
    while (x > previousX && y > previousY) {
      edits.push({ kind: 'same', line: a[--x] ?? '' });
      y--;
    }
    if (d > 0) {
      if (x === previousX) edits.push({ kind: 'added', line: b[--y] ?? '' });
      else edits.push({ kind: 'removed', line: a[--x] ?? '' });
    }
  }
  return edits.reverse();
}

const PREFIX: Readonly<Record<EditKind, string>> = { same: ' ', removed: '-', added: '+' };

/** `--- label` / `+++ label` headers and hunks with three lines of context; empty when nothing differs. */
export function unifiedDiff(before: readonly string[], after: readonly string[], labels: readonly [string, string]): string[] {
  const edits = diffLines(before, after);
  const changed = edits.flatMap((edit, index) => (edit.kind === 'same' ? [] : [index]));
  if (changed.length === 0) return [];
  const lines = [`--- ${labels[0]}`, `+++ ${labels[1]}`];
  let hunkStart = 0;
  while (hunkStart < changed.length) {
    // A hunk takes in the next change while the context around both would touch.
    let hunkEnd = hunkStart;
    while (hunkEnd + 1 < changed.length && (changed[hunkEnd + 1] ?? 0) - (changed[hunkEnd] ?? 0) <= 2 * CONTEXT_LINES + 1) hunkEnd++;
    const from = Math.max(0, (changed[hunkStart] ?? 0) - CONTEXT_LINES);
    const to = Math.min(edits.length, (changed[hunkEnd] ?? 0) + CONTEXT_LINES + 1);
    lines.push(hunkHeader(edits, from, to), ...edits.slice(from, to).map((edit) => `${PREFIX[edit.kind]}${edit.line}`));
    hunkStart = hunkEnd + 1;
  }
  return lines;
}

function hunkHeader(edits: readonly Edit[], from: number, to: number): string {
  const count = (kind: EditKind, upTo: number, start: number): number => edits.slice(start, upTo).filter((e) => e.kind === 'same' || e.kind === kind).length;
  const range = (kind: EditKind): string => {
    const length = count(kind, to, from);
    // GNU diff numbers an empty range by the line before it.
    const start = count(kind, from, 0) + (length === 0 ? 0 : 1);
    return length === 1 ? `${start}` : `${start},${length}`;
  };
  return `@@ -${range('removed')} +${range('added')} @@`;
}
