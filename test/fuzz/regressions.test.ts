/**
 * Every input the fuzzer ever broke keyhole with, minimised (test/fuzz/regressions/NAME.pcap or
 * .pcapng, with NAME.json saying which mutation, seed and run found it, what went wrong, and the
 * fixture key or key log it ran with). Each must now go through cleanly. The folder is empty
 * while no fuzz run has found anything; the minimiser that fills it is checked here too.
 */
import test from 'ava';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { analyze } from '../../dissect/analyze.js';
import { readCapture } from '../../dissect/capture/reader.js';
import { fixturePath } from '../helpers/fixtures.js';
import { repoPath } from '../helpers/shared.js';
import { layoutOf, minimise, runInput } from './harness.js';

const DIR = repoPath('test/fuzz/regressions');
const inputs = existsSync(DIR) ? readdirSync(DIR).filter((f) => /\.pcap(ng)?$/.test(f)) : [];

interface Finding {
  readonly mutation: string;
  readonly problem: string;
  readonly key?: string;
  readonly keylog?: string;
}

function isFinding(value: unknown): value is Finding {
  return typeof value === 'object' && value !== null && 'mutation' in value && 'problem' in value;
}

for (const input of inputs) {
  const finding: unknown = JSON.parse(readFileSync(path.join(DIR, input.replace(/\.pcap(ng)?$/, '.json')), 'utf8'));
  if (!isFinding(finding)) throw new Error(`${input}: its .json does not describe a finding`);
  test(`fuzz regression ${input} (${finding.mutation}: ${finding.problem.slice(0, 80)}) now goes through cleanly`, async (t) => {
    const outcome = await runInput(path.join(DIR, input), {
      capture: path.join(DIR, input),
      ...(finding.key === undefined ? {} : { key: fixturePath(finding.key) }),
      ...(finding.keylog === undefined ? {} : { keylog: fixturePath(finding.keylog) }),
    });
    t.true(outcome.ok, outcome.ok ? '' : outcome.problem);
  });
}

test('the minimiser shrinks a capture to the few packets that still show the behaviour, as a readable capture', async (t) => {
  const original = new Uint8Array(readFileSync(fixturePath('demo.pcapng')));
  const layout = await layoutOf(fixturePath('demo.pcapng'), original);
  const scratch = path.join(mkdtempSync(path.join(tmpdir(), 'keyhole-minimise-')), 'candidate.pcapng');
  // The behaviour kept: a server Certificate message is decoded (as a crash would be "still throws").
  const showsCertificate = async (file: string): Promise<boolean> => {
    let seen = false;
    try {
      await analyze(file, { message: (_s, _m, decoded) => (seen ||= decoded.kind === 'certificate') });
    } catch {
      return false;
    }
    return seen;
  };
  t.true(await showsCertificate(fixturePath('demo.pcapng')));
  const small = await minimise(original, layout, scratch, showsCertificate);
  writeFileSync(scratch, small);
  t.true(await showsCertificate(scratch));
  const kept: number[] = [];
  await readCapture(scratch, { onFrame: (f) => kept.push(f.number) });
  t.log(`${layout.records.length} frames -> ${kept.length}, ${original.length} -> ${small.length} bytes`);
  t.true(kept.length > 0 && kept.length < layout.records.length / 2, `${kept.length} of ${layout.records.length} frames kept`);
});
