/**
 * Collects what the server sends on a replayed connection and answers "has it said its part?":
 * enough bytes (as many as the capture shows up to this point), quiet for the settle time after
 * it started talking, the per-flight timeout, or the connection closed.
 */
import type { Duplex } from 'node:stream';
import type { TranscriptChunk } from './transcript.js';

export type WaitEnd = 'enough' | 'settled' | 'timeout' | 'closed';

export interface WaitLimits {
  /** Quiet time, after at least one byte of this wait, that counts as the server being done. */
  readonly settleMs: number;
  /** The longest wait for one server flight. */
  readonly timeoutMs: number;
}

export class ServerReader {
  received = 0;
  closed = false;
  /** Set when the socket failed rather than closed. */
  error: Error | undefined;
  private wake: (() => void) | undefined;

  constructor(
    socket: Duplex,
    private readonly transcript: TranscriptChunk[],
  ) {
    socket.on('data', (data: Buffer) => {
      this.transcript.push({ side: 'server', bytes: new Uint8Array(data) });
      this.received += data.length;
      this.wake?.();
    });
    const end = (): void => {
      this.closed = true;
      this.wake?.();
    };
    socket.on('end', end);
    socket.on('close', end);
    socket.on('error', (error: Error) => {
      this.error ??= error;
      end();
    });
  }

  /** Waits until the server has sent `total` bytes in all, or one of the other ends. */
  waitFor(total: number, limits: WaitLimits): Promise<WaitEnd> {
    return new Promise((resolve) => {
      const startedWith = this.received;
      let settle: NodeJS.Timeout | undefined;
      const finish = (end: WaitEnd): void => {
        clearTimeout(timeout);
        clearTimeout(settle);
        this.wake = undefined;
        resolve(end);
      };
      const timeout = setTimeout(() => finish('timeout'), limits.timeoutMs);
      const check = (): void => {
        if (this.received >= total) return finish('enough');
        if (this.closed) return finish('closed');
        if (this.received > startedWith) {
          clearTimeout(settle);
          settle = setTimeout(() => finish('settled'), limits.settleMs);
        }
      };
      this.wake = check;
      check();
    });
  }
}
