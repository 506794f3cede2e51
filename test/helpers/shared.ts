/**
 * The public Wireshark test captures live in ../shared/captures beside the clone (CI lays them
 * there). Tests that need them skip with a message where they are absent.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import type { ExecutionContext } from 'ava';

const here = path.dirname(fileURLToPath(import.meta.url));

/** Absolute path of ../shared/captures, or undefined when this checkout has no shared folder. */
export const sharedCaptures: string | undefined = (() => {
  const dir = path.resolve(here, '..', '..', '..', 'shared', 'captures');
  return existsSync(path.join(dir, 'MANIFEST.md')) ? dir : undefined;
})();

export const SHARED_MISSING = 'skipped: ../shared/captures is not beside this checkout';

/** Absolute path of a file in the repository (e.g. "fixtures/captures/x.pcap"). */
export function repoPath(relative: string): string {
  return path.resolve(here, '..', '..', relative);
}

export function sharedPath(relative: string): string | undefined {
  return sharedCaptures === undefined ? undefined : path.join(sharedCaptures, relative);
}

/** The shared captures folder; when it is absent, the test is passed with the skip message and undefined is returned. */
export function sharedDirOrSkip(t: ExecutionContext): string | undefined {
  if (sharedCaptures === undefined) {
    t.log(SHARED_MISSING);
    t.pass();
  }
  return sharedCaptures;
}
