/** Helpers for the secrets tests: scratch folders and the optional openssl CLI. */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** A fresh folder under the system temp dir; `cleanup` removes it. */
export function scratchFolder(): { readonly dir: string; readonly file: (name: string) => string; readonly cleanup: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), 'keyhole-secrets-'));
  return { dir, file: (name) => path.join(dir, name), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

function succeeds(command: string, args: readonly string[]): boolean {
  return spawnSync(command, args, { stdio: 'ignore' }).status === 0;
}

export const hasOpenssl = succeeds('openssl', ['version']);

export function run(command: string, args: readonly string[]): string {
  return execFileSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
}
