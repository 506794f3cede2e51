/**
 * The background indexer: one analyze() pass over the capture that builds the frame index, one
 * ConnectionEntry per TCP connection (live counters, then its report when it closes) and each
 * connection's TLS records and messages. analyze() awaits between file blocks, so the UI keeps
 * drawing; subscribers are told between blocks, at most every `publishEveryMs` (and at once
 * after the first block, so the first rows show as soon as they are read), so React renders
 * throttled.
 */
import { analyze, type AnalyzeListener } from '../../../dissect/analyze.js';
import type { CaptureSummary } from '../../../dissect/capture/types.js';
import type { DecryptionContext } from '../../../dissect/decrypt/context.js';
import { connectionReport, type ConnectionReport } from '../../../dissect/report.js';
import { ConnectionEntry, EventKind } from './connection-entry.js';
import { FrameIndex } from './frame-index.js';

export interface IndexOptions {
  readonly publishEveryMs?: number;
}

export interface IndexProgress {
  readonly bytesRead: number;
  readonly fileSize: number;
}

export class CaptureIndex {
  readonly frames = new FrameIndex();
  /** By tcp.stream: stream N is connections[N]. */
  readonly connections: ConnectionEntry[] = [];
  progress: IndexProgress = { bytesRead: 0, fileSize: 0 };
  done = false;
  /** Why indexing stopped early (an unusable file), if it did. */
  error: string | undefined;
  capture: CaptureSummary | undefined;
  /** Bumped at each publish; a cheap key for memoised selectors. */
  version = 0;
  /** Resolves when the pass and every connection report are done. */
  readonly finished: Promise<void>;
  private readonly subscribers = new Set<() => void>();
  private dirty = false;
  /** When subscribers were last told; 0 before the first time. */
  private publishedAt = 0;
  private readonly publishEveryMs: number;

  constructor(
    readonly path: string,
    decryption: DecryptionContext,
    options: IndexOptions = {},
  ) {
    this.publishEveryMs = options.publishEveryMs ?? 100;
    this.finished = this.run(decryption).finally(() => {
      this.done = true;
      this.publish();
    });
  }

  subscribe(subscriber: () => void): () => void {
    this.subscribers.add(subscriber);
    return () => this.subscribers.delete(subscriber);
  }

  private async run(decryption: DecryptionContext): Promise<void> {
    const pending: Array<Promise<void>> = [];
    const listener: AnalyzeListener = {
      frame: (packet) => {
        this.frames.add(packet.frame);
        this.dirty = true;
      },
      opened: (connection) => {
        this.connections[connection.index] = new ConnectionEntry(connection.index, connection.client.text, connection.server.text);
      },
      packet: (packet, connection, direction) => {
        if (packet.tcp !== undefined) this.frames.assignLast(connection.index, direction, packet.tcp);
        this.connections[connection.index]?.addFrame(packet.frame.number, packet.frame.originalLength);
      },
      record: (event) => {
        const entry = this.tcpEntry(event.session.transport, event.session.connection.index);
        if (entry === undefined) return;
        entry.isTls = true;
        entry.session ??= event.session;
        const r = event.record;
        entry.events.add({
          kind: EventKind.record,
          frame: r.frame,
          direction: r.direction,
          type: event.opened?.contentType ?? r.contentType,
          length: r.length,
          protected: event.protected,
          decrypted: event.opened !== undefined,
        });
      },
      message: (session, message) => {
        this.tcpEntry(session.transport, session.connection.index)?.events.add({
          kind: EventKind.message,
          frame: message.frame,
          direction: message.direction,
          type: message.type,
          length: message.body.length,
          protected: message.encrypted,
          decrypted: message.encrypted,
        });
      },
      finished: (connection, session) => {
        const entry = this.connections[connection.index];
        if (entry === undefined) return;
        pending.push(connectionReport(connection, session).then((report: ConnectionReport) => {
          entry.report = report;
          entry.session = undefined;
          this.dirty = true;
        }));
      },
    };
    try {
      const result = await analyze(this.path, listener, {
        decryption,
        onProgress: (bytesRead, fileSize) => {
          this.progress = { bytesRead, fileSize };
          if (this.dirty && performance.now() - this.publishedAt >= this.publishEveryMs) this.publish();
        },
      });
      this.capture = result.capture;
      await Promise.all(pending);
    } catch (error) {
      this.error = error instanceof Error ? error.message : String(error);
    }
  }

  private tcpEntry(transport: 'tcp' | 'udp', stream: number): ConnectionEntry | undefined {
    return transport === 'tcp' ? this.connections[stream] : undefined;
  }

  private publish(): void {
    this.dirty = false;
    this.publishedAt = performance.now();
    this.version++;
    for (const subscriber of this.subscribers) subscriber();
  }
}
