/**
 * Display filters against tshark 4.0: for each capture of golden-cases.ts, every expression
 * must select exactly the frames tshark selected (golden.json, from update-golden.ts).
 */
import test from 'ava';
import { readFileSync } from 'node:fs';
import type { SecretOptions } from '../../dissect/decrypt/context.js';
import { repoPath, SHARED_MISSING } from '../helpers/shared.js';
import { GOLDEN_CAPTURES, GOLDEN_EXPRESSIONS, goldenPath, type GoldenCapture } from './golden-cases.js';
import { runFilters } from './run.js';

const golden: Record<string, Record<string, number[]>> = JSON.parse(readFileSync(repoPath('test/filter/golden.json'), 'utf8'));

function secretsOf(capture: GoldenCapture): SecretOptions | undefined {
  const keylog = capture.keylog === undefined ? undefined : goldenPath(capture.keylog);
  const key = capture.key === undefined ? undefined : goldenPath(capture.key);
  if ((capture.keylog !== undefined && keylog === undefined) || (capture.key !== undefined && key === undefined)) return undefined;
  return { ...(keylog === undefined ? {} : { keylogs: [keylog] }), ...(key === undefined ? {} : { keys: [key] }) };
}

for (const [name, capture] of Object.entries(GOLDEN_CAPTURES)) {
  test(`every filter selects the frames tshark 4.0 selects in ${name}`, async (t) => {
    const file = goldenPath(capture.file);
    const secrets = secretsOf(capture);
    if (file === undefined || secrets === undefined) {
      t.log(SHARED_MISSING);
      t.pass();
      return;
    }
    const expected = golden[name];
    if (expected === undefined) return t.fail(`golden.json has no entry for ${name}; run test/filter/update-golden.ts`);
    const { frames } = await runFilters(file, GOLDEN_EXPRESSIONS, secrets);
    const wrong = GOLDEN_EXPRESSIONS.filter((e) => JSON.stringify(frames.get(e)) !== JSON.stringify(expected[e]));
    for (const e of wrong) t.log(`${e}\n  keyhole: ${frames.get(e)?.join(' ')}\n  tshark:  ${expected[e]?.join(' ')}`);
    t.deepEqual(wrong, []);
  });
}
