/**
 * A real pseudo-terminal for end-to-end tests of `keyhole ui`: a tmux server of the test's own
 * (its own socket, so no one's sessions are touched), one session, and the screen read back with
 * a deadline instead of fixed sleeps.
 */
import { spawnSync } from 'node:child_process';
import { repoPath } from './shared.js';

export const hasTmux = spawnSync('tmux', ['-V']).status === 0;

export interface Terminal {
  /** Starts `command` (a shell line run in the repository) in a `columns` x `rows` session. */
  start(command: string, columns: number, rows: number): boolean;
  sendKeys(...keys: string[]): void;
  /** The screen once it contains `text`; throws with the screen after `timeoutMs`. */
  screenWith(text: string, timeoutMs?: number): Promise<string>;
  /** Ends the tmux server and everything in it. */
  close(): void;
}

export function terminal(name: string): Terminal {
  const socket = `keyhole-${name}-${process.pid}`;
  const session = 'ui';
  const tmux = (...args: string[]): { ok: boolean; out: string } => {
    const result = spawnSync('tmux', ['-L', socket, ...args], { encoding: 'utf8' });
    return { ok: result.status === 0, out: result.stdout ?? '' };
  };
  return {
    start: (command, columns, rows) => tmux('new-session', '-d', '-s', session, '-x', String(columns), '-y', String(rows), '-c', repoPath('.'), command).ok,
    sendKeys: (...keys) => void tmux('send-keys', '-t', session, ...keys),
    async screenWith(text, timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const screen = tmux('capture-pane', '-p', '-t', session).out;
        if (screen.includes(text)) return screen;
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${JSON.stringify(text)}; the screen was:\n${screen}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
    close: () => void tmux('kill-server'),
  };
}
