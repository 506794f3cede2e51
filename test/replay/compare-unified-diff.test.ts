import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import test from 'ava';
import { diffLines, unifiedDiff } from '../../replay/compare/unified-diff.js';

/** GNU diff -u's hunks for the same two files (without its file header lines, which carry dates). */
function gnuHunks(before: readonly string[], after: readonly string[]): string[] | undefined {
  const dir = mkdtempSync(path.join(tmpdir(), 'keyhole-diff-'));
  const [a, b] = [path.join(dir, 'a'), path.join(dir, 'b')];
  writeFileSync(a, before.map((l) => `${l}\n`).join(''));
  writeFileSync(b, after.map((l) => `${l}\n`).join(''));
  try {
    execFileSync('diff', ['-u', a, b], { encoding: 'utf8' });
    return [];
  } catch (error) {
    if (typeof error === 'object' && error !== null && 'stdout' in error && typeof error.stdout === 'string') return error.stdout.split('\n').slice(2, -1);
    return undefined;
  }
}

const lines = (text: string): string[] => text.split(' ');

const CASES: ReadonlyArray<readonly [string, string, string]> = [
  ['one line changed in the middle', 'a b c d e f g h i j k l m', 'a b c d e f X h i j k l m'],
  ['two changes far apart make two hunks', 'a b c d e f g h i j k l m n o p q r', 'A b c d e f g h i j k l m n o p q R'],
  ['two changes close together share a hunk', 'a b c d e f g h i j', 'a b C d e F g h i j'],
  ['lines added at the start and removed at the end', 'a b c d e f', 'x y a b c d'],
  ['everything replaced', 'a b c', 'x y z w'],
];

for (const [title, before, after] of CASES) {
  test(`the unified diff matches GNU diff -u when ${title}`, (t) => {
    const expected = gnuHunks(lines(before), lines(after));
    if (expected === undefined) {
      t.log('skipped: GNU diff is not installed');
      t.pass();
      return;
    }
    t.deepEqual(unifiedDiff(lines(before), lines(after), ['a', 'b']).slice(2), expected);
  });
}

test('a diff of equal inputs is empty, and the headers name both sides', (t) => {
  t.deepEqual(unifiedDiff(['x', 'y'], ['x', 'y'], ['captured', 'live']), []);
  t.deepEqual(unifiedDiff(['x'], ['y'], ['captured', 'live']).slice(0, 2), ['--- captured', '+++ live']);
});

// GNU diff may pick another of the equally short scripts for this one, so it is checked by its length.
test('the edit script of the paper example has the shortest length, five deletions and insertions', (t) => {
  const edits = diffLines(lines('A B C A B B A'), lines('C B A B A C'));
  t.is(edits.filter((e) => e.kind !== 'same').length, 5);
  t.deepEqual(edits.filter((e) => e.kind !== 'added').map((e) => e.line), lines('A B C A B B A'));
  t.deepEqual(edits.filter((e) => e.kind !== 'removed').map((e) => e.line), lines('C B A B A C'));
});

test('inputs too different to align still give every line once, removed then added', (t) => {
  const before = Array.from({ length: 3000 }, (_, i) => `old ${i}`);
  const after = Array.from({ length: 3000 }, (_, i) => `new ${i}`);
  const edits = diffLines(before, after);
  t.is(edits.length, 6000);
  t.true(edits.slice(0, 3000).every((e) => e.kind === 'removed'));
  t.true(edits.slice(3000).every((e) => e.kind === 'added'));
});
