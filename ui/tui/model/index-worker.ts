/**
 * A worker thread running one analyze() pass for the UI (see pass-protocol.ts). The index pass
 * posts what is new as compact batches (frame columns, per-connection counts, frames, TLS events,
 * live TLS facts, reports) at most every BATCH_EVERY_MS between file blocks; the detail and
 * filter passes post their one answer.
 */
import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { analyze, type AnalyzeListener } from '../../../dissect/analyze.js';
import type { Frame } from '../../../dissect/capture/types.js';
import { connectionReport, conversationReport, decryptionOf, type SessionReport } from '../../../dissect/report.js';
import type { SessionFlow, TlsSession } from '../../../dissect/tls/session.js';
import { cipherSuiteName, versionName } from '../../../dissect/tls/tables/index.js';
import { decryptionContext } from '../../cli/secret-options.js';
import { loadConnectionDetail } from './detail-pass.js';
import { ConnectionEntry, EventKind, type LiveTls } from './connection-entry.js';
import { filterCapture } from './filter-pass.js';
import type { Transport } from '../../../dissect/transport.js';
import { flowKey } from './flow-key.js';
import { FrameIndex } from './frame-index.js';
import { isPassJob, type PassJob, type PassKind, type PassMessage } from './pass-protocol.js';

const BATCH_EVERY_MS = 100;
/** The index thread's nice value: below the UI thread, so a key press wins the CPU on a busy machine. */
const INDEX_NICE = 10;

/**
 * On Linux a nice value belongs to a thread (setpriority on "process" 0 changes the calling
 * thread only), so the UI thread keeps its priority. Elsewhere it would slow the whole process.
 */
function stepBehindTheUi(): void {
  if (process.platform !== 'linux') return;
  try {
    setPriority(INDEX_NICE);
  } catch {
    // Not permitted here: index at the usual priority.
  }
}

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
  /** Sessions of open flows by key, read for their live facts at each batch. */
  private readonly open = new Map<number, TlsSession>();
  private sentAt = 0;
  readonly pending: Array<Promise<void>> = [];

  entry(transport: Transport, flow: SessionFlow): ConnectionEntry {
    const key = flowKey({ transport, index: flow.index });
    let entry = this.connections.get(key);
    if (entry === undefined) {
      entry = new ConnectionEntry(key, flow.client.text, flow.server.text);
      this.connections.set(key, entry);
    }
    return entry;
  }

  private addFrame(transport: Transport, flow: SessionFlow, direction: 0 | 1, frame: Frame, tcpFlags: number, payloadLength: number): void {
    const entry = this.entry(transport, flow);
    this.frames.assignLast(entry.key, direction, tcpFlags, payloadLength);
    entry.addFrame(frame.number, frame.originalLength);
  }

  private sessionEntry(session: TlsSession): ConnectionEntry {
    const entry = this.entry(session.transport, session.connection);
    this.open.set(entry.key, session);
    entry.isTls = true;
    return entry;
  }

  private reported(transport: Transport, flow: SessionFlow, report: Promise<SessionReport>): void {
    this.open.delete(flowKey({ transport, index: flow.index }));
    this.pending.push(report.then((r) => {
      this.entry(transport, flow).report = r;
    }));
  }

  readonly listener: AnalyzeListener = {
    frame: (packet) => this.frames.add(packet.frame),
    opened: (connection) => void this.entry('tcp', connection),
    packet: (packet, connection, direction) => {
      const tcp = packet.tcp;
      this.addFrame('tcp', connection, direction, packet.frame, tcp?.flags ?? 0, tcp === undefined ? 0 : tcp.payloadEnd - tcp.payloadStart);
    },
    udpOpened: (conversation) => void this.entry('udp', conversation),
    udpPacket: (packet, conversation, direction) => {
      const udp = packet.udp;
      this.addFrame('udp', conversation, direction, packet.frame, 0, udp === undefined ? 0 : udp.payloadEnd - udp.payloadStart);
    },
    record: (event) => {
      const r = event.record;
      this.sessionEntry(event.session).events.add({ kind: EventKind.record, frame: r.frame, direction: r.direction, type: event.opened?.contentType ?? r.contentType, length: r.length, protected: event.protected, decrypted: event.opened !== undefined });
    },
    message: (session, message) => {
      this.sessionEntry(session).events.add({ kind: EventKind.message, frame: message.frame, direction: message.direction, type: message.type, length: message.body.length, protected: message.encrypted, decrypted: message.encrypted });
    },
    finished: (connection, session) => this.reported('tcp', connection, connectionReport(connection, session)),
    finishedUdp: (conversation, session) => this.reported('udp', conversation, conversationReport(conversation, session)),
  };

  /** Posts what is new, if it is time (or `now`). */
  send(progress: { bytesRead: number; fileSize: number }, now = false): void {
    if (!now && performance.now() - this.sentAt < BATCH_EVERY_MS) return;
    this.sentAt = performance.now();
    for (const [key, session] of this.open) {
      const entry = this.connections.get(key);
      if (entry !== undefined) entry.live = liveTls(session);
    }
    const frames = this.frames.columns();
    const connections = [...this.connections.values()].map((c) => c.delta());
    this.frames = new FrameIndex();
    this.connections = new Map();
    const buffers = Object.values(frames).map((column) => column.buffer).filter((b): b is ArrayBuffer => b instanceof ArrayBuffer);
    post({ kind: 'batch', frames, connections, progress }, buffers);
  }
}

function post(message: PassMessage, transfer: ArrayBuffer[] = []): void {
  parentPort?.postMessage(message, transfer);
}

async function runIndex(job: PassJob<'index'>): Promise<void> {
  stepBehindTheUi();
  const batcher = new Batcher();
  let progress = { bytesRead: 0, fileSize: 0 };
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
}

const PASSES: { readonly [K in PassKind]: (job: PassJob<K>) => Promise<void> } = {
  index: runIndex,
  detail: async (job) => post({ kind: 'detail', detail: await loadConnectionDetail(job.path, job.flow, await decryptionContext(job.secrets)) }),
  filter: async (job) => post({ kind: 'filter', result: await filterCapture(job.path, job.text, await decryptionContext(job.secrets)) }),
};

async function run<K extends PassKind>(job: PassJob<K>): Promise<void> {
  const pass: (typeof PASSES)[K] = PASSES[job.kind];
  try {
    await pass(job);
  } catch (error) {
    post({ kind: 'error', message: error instanceof Error ? error.message : String(error) });
  }
}

if (isPassJob(workerData)) await run(workerData);
