/**
 * The capture index the UI reads: the frame index, one ConnectionEntry per TCP connection and
 * UDP conversation (live counters and TLS facts, then its report when it closes) and each one's
 * TLS or DTLS records and messages. A worker thread (index-worker.ts) runs the analyze() pass
 * and posts batches, so the decryption work never holds up a key press; subscribers are told
 * after each batch (at most every 100 ms), so React renders throttled.
 */
import type { Worker } from 'node:worker_threads';
import type { CaptureSummary } from '../../../dissect/capture/types.js';
import type { SecretFlags } from '../../cli/secret-options.js';
import { ConnectionEntry } from './connection-entry.js';
import { flowOfKey } from './flow-key.js';
import { FrameIndex } from './frame-index.js';
import { startPass, type IndexProgress, type PassMessage } from './pass-protocol.js';

export type { IndexProgress };

export class CaptureIndex {
  readonly frames = new FrameIndex();
  /** By tcp.stream: stream N is connections[N]. */
  readonly connections: ConnectionEntry[] = [];
  /** By udp.stream: every UDP conversation, though only DTLS ones are listed (see listed()). */
  readonly conversations: ConnectionEntry[] = [];
  progress: IndexProgress = { bytesRead: 0, fileSize: 0 };
  done = false;
  /** Why indexing stopped early (an unusable file), if it did. */
  error: string | undefined;
  capture: CaptureSummary | undefined;
  /** Bumped at each publish; a cheap key for memoised selectors. */
  version = 0;
  /** Resolves when the pass and every connection report are in. */
  readonly finished: Promise<void>;
  private readonly subscribers = new Set<() => void>();
  private readonly worker: Worker;

  constructor(
    readonly path: string,
    secrets: SecretFlags,
  ) {
    this.worker = startPass({ kind: 'index', path, secrets });
    this.finished = new Promise((resolve) => {
      const end = (error?: string): void => {
        if (this.done) return;
        this.error ??= error;
        this.done = true;
        this.publish();
        resolve();
      };
      this.worker.on('message', (message: PassMessage) => {
        if (message.kind === 'batch') this.apply(message);
        else if (message.kind === 'done') {
          this.capture = message.capture;
          end();
        } else end(message.kind === 'error' ? message.message : `unexpected ${message.kind} message`);
      });
      this.worker.on('error', (error) => end(error.message));
      this.worker.on('exit', () => end('indexing stopped'));
    });
  }

  /** The connection or conversation with this key (flow-key.ts). */
  entry(key: number): ConnectionEntry | undefined {
    const { transport, index } = flowOfKey(key);
    return (transport === 'tcp' ? this.connections : this.conversations)[index];
  }

  /**
   * What the connections view lists: every TCP connection (TLS or not, as Wireshark's
   * conversations), then the UDP conversations that carry DTLS; DNS and the like would only
   * crowd the list.
   */
  listed(): ConnectionEntry[] {
    const rows = this.connections.filter((c) => c !== undefined);
    for (const c of this.conversations) if (c !== undefined && c.isTls) rows.push(c);
    return rows;
  }

  subscribe(subscriber: () => void): () => void {
    this.subscribers.add(subscriber);
    return () => this.subscribers.delete(subscriber);
  }

  /** Stops indexing (the app is closing). */
  stop(): Promise<number> {
    return this.worker.terminate();
  }

  private apply({ frames, connections, progress }: Extract<PassMessage, { kind: 'batch' }>): void {
    this.frames.append(frames);
    for (const delta of connections) {
      const { transport, index } = flowOfKey(delta.key);
      const entries = transport === 'tcp' ? this.connections : this.conversations;
      const entry = (entries[index] ??= new ConnectionEntry(delta.key, delta.client, delta.server));
      entry.apply(delta);
    }
    this.progress = progress;
    this.publish();
  }

  private publish(): void {
    this.version++;
    for (const subscriber of this.subscribers) subscriber();
  }
}
