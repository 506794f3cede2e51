/**
 * The indexing thread: one analyze() pass over the capture, posting what is new as compact
 * batches (frame columns, per-connection counts, frames, TLS events, live TLS facts, reports) at
 * most every BATCH_EVERY_MS between file blocks, so the UI thread only appends and stays free
 * for key presses however heavy the decryption is.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { analyze, type AnalyzeListener } from '../../../dissect/analyze.js';
import { connectionReport, decryptionOf } from '../../../dissect/report.js';
import type { SessionFlow, TlsSession } from '../../../dissect/tls/session.js';
import { cipherSuiteName, versionName } from '../../../dissect/tls/tables/index.js';
import { decryptionContext } from '../../cli/secret-options.js';
import { ConnectionEntry, EventKind, type LiveTls } from './connection-entry.js';
import { FrameIndex } from './frame-index.js';
import { isIndexJob, type IndexJob, type IndexMessage } from './index-protocol.js';

const BATCH_EVERY_MS = 100;

function liveTls(session: TlsSession): LiveTls {
  const n = session.negotiation;
  const decryption = decryptionOf(session);
  return {
    sni: n.sni,
    version: n.version === undefined ? undefined : versionName(n.version),
    cipher: n.cipherSuiteId === undefined ? undefined : cipherSuiteName(n.cipherSuiteId),
    verdict: decryption === undefined || decryption.records.decrypted === 0 ? undefined : decryption.status,
  };
}

class Batcher {
  private frames = new FrameIndex();
  private connections = new Map<number, ConnectionEntry>();
  /** Sessions of open connections, read for their live facts at each batch. */
  private readonly open = new Map<number, TlsSession>();
  private sentAt = 0;

  entry(flow: SessionFlow): ConnectionEntry {
    let entry = this.connections.get(flow.index);
    if (entry === undefined) {
      entry = new ConnectionEntry(flow.index, flow.client.text, flow.server.text);
      this.connections.set(flow.index, entry);
    }
    return entry;
  }

  readonly listener: AnalyzeListener = {
    frame: (packet) => this.frames.add(packet.frame),
    opened: (connection) => void this.entry(connection),
    packet: (packet, connection, direction) => {
      if (packet.tcp !== undefined) this.frames.assignLast(connection.index, direction, packet.tcp);
      this.entry(connection).addFrame(packet.frame.number, packet.frame.originalLength);
    },
    record: (event) => {
      const session = event.session;
      if (session.transport !== 'tcp') return;
      this.open.set(session.connection.index, session);
      const entry = this.entry(session.connection);
      entry.isTls = true;
      const r = event.record;
      entry.events.add({ kind: EventKind.record, frame: r.frame, direction: r.direction, type: event.opened?.contentType ?? r.contentType, length: r.length, protected: event.protected, decrypted: event.opened !== undefined });
    },
    message: (session, message) => {
      if (session.transport !== 'tcp') return;
      this.entry(session.connection).events.add({ kind: EventKind.message, frame: message.frame, direction: message.direction, type: message.type, length: message.body.length, protected: message.encrypted, decrypted: message.encrypted });
    },
    finished: (connection, session) => {
      this.open.delete(connection.index);
      this.pending.push(connectionReport(connection, session).then((report) => {
        this.entry(connection).report = report;
      }));
    },
  };

  readonly pending: Array<Promise<void>> = [];

  /** Posts what is new, if it is time (or `now`). */
  send(progress: { bytesRead: number; fileSize: number }, now = false): void {
    if (!now && performance.now() - this.sentAt < BATCH_EVERY_MS) return;
    this.sentAt = performance.now();
    for (const [stream, session] of this.open) {
      const entry = this.connections.get(stream);
      if (entry !== undefined) entry.live = liveTls(session);
    }
    const frames = this.frames.columns();
    const connections = [...this.connections.values()].map((c) => c.delta());
    this.frames = new FrameIndex();
    this.connections = new Map();
    post({ kind: 'batch', frames, connections, progress }, [...Object.values(frames).map((a) => a.buffer)]);
  }
}

function post(message: IndexMessage, transfer: ArrayBuffer[] = []): void {
  parentPort?.postMessage(message, transfer);
}

async function run(job: IndexJob): Promise<void> {
  const batcher = new Batcher();
  let progress = { bytesRead: 0, fileSize: 0 };
  try {
    const result = await analyze(job.path, batcher.listener, {
      decryption: await decryptionContext(job.secrets),
      onProgress: (bytesRead, fileSize) => {
        progress = { bytesRead, fileSize };
        batcher.send(progress);
      },
    });
    await Promise.all(batcher.pending);
    batcher.send(progress, true);
    post({ kind: 'done', capture: result.capture });
  } catch (error) {
    batcher.send(progress, true);
    post({ kind: 'error', message: error instanceof Error ? error.message : String(error) });
  }
}

if (isIndexJob(workerData)) await run(workerData);
