/**
 * Writes test/filter/golden.json from tshark 4.0: for every capture and expression of
 * golden-cases.ts, the frame numbers `tshark -r FILE [-o keys] [-d ports] -Y EXPR -T fields
 * -e frame.number` prints. Run by hand: npx tsx test/filter/update-golden.ts; review the diff.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { repoPath } from '../helpers/shared.js';
import { GOLDEN_CAPTURES, GOLDEN_EXPRESSIONS, goldenPath, type GoldenCapture } from './golden-cases.js';

function located(file: string): string {
  const found = goldenPath(file);
  if (found === undefined) throw new Error(`${file}: ../shared/captures is missing`);
  return found;
}

function tsharkOptions(capture: GoldenCapture): string[] {
  const options: string[] = [];
  if (capture.keylog !== undefined) options.push('-o', `tls.keylog_file:${located(capture.keylog)}`);
  if (capture.key !== undefined) options.push('-o', `uat:rsa_keys:"${located(capture.key)}",""`);
  for (const port of capture.tlsPorts ?? []) options.push('-d', `tcp.port==${port},tls`);
  return options;
}

const golden: Record<string, Record<string, number[]>> = {};
for (const [name, capture] of Object.entries(GOLDEN_CAPTURES)) {
  const matches: Record<string, number[]> = {};
  for (const expression of GOLDEN_EXPRESSIONS) {
    const args = ['-r', located(capture.file), ...tsharkOptions(capture), '-Y', expression, '-T', 'fields', '-e', 'frame.number'];
    const out = execFileSync('tshark', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    matches[expression] = out.split('\n').filter((l) => l !== '').map(Number);
  }
  golden[name] = matches;
}
writeFileSync(repoPath('test/filter/golden.json'), `${JSON.stringify(golden, null, 1)}\n`);
