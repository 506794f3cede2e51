import test from 'ava';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { FileCache } from '../../ui/cli/file-cache.js';

const openDescriptors = (): number | undefined => (existsSync('/proc/self/fd') ? readdirSync('/proc/self/fd').length : undefined);

test('appends to more files than stay open land whole and in order, evicted files reopened for appending', async (t) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'keyhole-cache-'));
  const cache = new FileCache(dir);
  const files = 450;
  const rounds = 6;
  const before = openDescriptors();
  let most = 0;
  for (let round = 0; round < rounds; round++) {
    for (let f = 0; f < files; f++) cache.append(`f${f}.bin`, Uint8Array.of(round, f & 0xff, f >> 8));
    // Let writes, opens and closes run between rounds, as the reader's pauses do.
    await new Promise((resolve) => setTimeout(resolve, 20));
    const now = openDescriptors();
    if (now !== undefined && before !== undefined) most = Math.max(most, now - before);
  }
  await cache.closeAll();
  for (let f = 0; f < files; f++) {
    const expected = Array.from({ length: rounds }, (_, round) => [round, f & 0xff, f >> 8]).flat();
    t.deepEqual([...readFileSync(path.join(dir, `f${f}.bin`))], expected, `f${f}.bin`);
  }
  if (before === undefined) t.log('no /proc/self/fd here: descriptor count not checked');
  // 200 stay open, plus closes still in flight on the thread pool; far fewer than one per file.
  else t.true(most < 300, `descriptors open at once stay bounded, saw ${most} for ${files} files`);
});
