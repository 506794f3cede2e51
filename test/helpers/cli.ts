/** Runs the keyhole command line from source, as a separate process, the way users run it. */
import { spawn } from 'node:child_process';
import { repoPath } from './shared.js';

export interface CliResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export function keyhole(args: readonly string[], env: Readonly<Record<string, string>> = {}): Promise<CliResult> {
  return runNode(['--import', 'tsx', '--openssl-legacy-provider', repoPath('ui/cli/main.ts'), ...args], env);
}

/** Runs node with `args` in the repository, without colour, and collects what it printed. */
export function runNode(args: readonly string[], env: Readonly<Record<string, string>> = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      cwd: repoPath('.'),
      env: { ...process.env, NO_COLOR: '1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
