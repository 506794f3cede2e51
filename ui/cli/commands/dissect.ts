/**
 * `keyhole dissect CAPTURE...`: the capture header, a table of connections with their TLS
 * parameters and decryption verdicts, and a block per session (handshake, certificates, chain
 * checks, why it did or did not decrypt). DTLS sessions over UDP are listed beside the TCP ones
 * ("udp N" in the table, "transport": "udp" in the JSON). `-V` prints every TLS and DTLS record
 * and message as a detail tree as it is read; `--json` prints one document (shape in the README).
 */
import type { Command } from 'commander';
import { analyze, type AnalyzeListener } from '../../../dissect/analyze.js';
import type { CaptureSummary } from '../../../dissect/capture/types.js';
import type { Diagnostic } from '../../../dissect/diagnostics.js';
import { linkTypeName } from '../../../dissect/link/registry.js';
import { dtlsRecordTree } from '../../../dissect/dtls/display.js';
import { isDtlsRecord } from '../../../dissect/dtls/record.js';
import { connectionReport, conversationReport, type ConnectionReport, type SessionReport, type UdpConversationReport } from '../../../dissect/report.js';
import { recordTree, messageTree } from '../../../dissect/tls/display.js';
import { loadX509 } from '../../../dissect/tls/x509/lazy.js';
import { formatBytes, renderTable } from '../format/table.js';
import { color } from '../format/color.js';
import { diagnosticLines, SESSION_TABLE_HEAD, sessionBlock, sessionRow } from '../format/session.js';
import { isoTime, relativeSeconds } from '../format/time.js';
import { renderTree } from '../format/tree.js';
import { writeLine } from '../output.js';
import { addSecretOptions, decryptionContext, type SecretFlags } from '../secret-options.js';
import { jsonCapture } from './streams.js';
import { filterRecorder, withFilter } from '../filter-option.js';
import { progressOr } from '../progress.js';
import { overFiles } from '../file-threads.js';

export interface DissectFlags extends SecretFlags {
  readonly filter?: string;
  readonly ndjson?: boolean;
  readonly quiet?: boolean;
  readonly json?: boolean;
  readonly verbose?: boolean;
  readonly all?: boolean;
}

export interface FileReport {
  readonly file: string;
  readonly capture: CaptureSummary;
  readonly connections: SessionReport[];
  readonly diagnostics: Diagnostic[];
}

export function registerDissect(program: Command): void {
  addSecretOptions(
    program
      .command('dissect')
      .description('decode TLS in captures: sessions, handshakes, certificates, decryption verdicts')
      .argument('<captures...>', 'pcap or pcapng files (gzip is fine)')
      .option('-V, --verbose', 'print a detail tree for every TLS record and handshake message')
      .option('--json', 'print one JSON document')
      .option('-a, --all', 'also list TCP connections and UDP conversations that are not TLS or DTLS'),
  )
    .option('-Y, --filter <expression>', 'Wireshark display filter: -V prints only matching frames; the table lists connections with a matching frame')
    .option('--ndjson', 'print one JSON object per session as it ends, then one for the capture')
    .option('-q, --quiet', 'no progress line on stderr')
    .addHelpText(
      'after',
      `
Examples:
  keyhole dissect capture.pcapng
  keyhole dissect capture.pcap --key server.key
  keyhole dissect capture.pcapng --keylog sslkeys.log -V
  keyhole dissect capture.pcap -V -Y 'tls.handshake.type == 11'
  keyhole dissect a.pcap b.pcapng --json | jq '.files[].connections[].tls.decryption'`,
    )
    .action(async (captures: string[], flags: DissectFlags) => {
      const reports = await overFiles('dissect', captures, flags, flags.verbose === true || flags.ndjson === true, (file) => {
        if (flags.verbose === true && captures.length > 1) writeLine(color.bold(`== ${file}`));
        return dissectFile(file, flags);
      });
      if (flags.ndjson === true) {
        for (const report of reports) {
          // With a filter the sessions are known to match only now; without one they are out already.
          if (flags.filter !== undefined) for (const c of report.connections) writeLine(JSON.stringify({ type: 'session', file: report.file, ...c }));
          writeLine(JSON.stringify({ type: 'capture', file: report.file, capture: jsonCapture(report.capture), diagnostics: report.diagnostics }));
        }
        return;
      }
      if (flags.json === true) {
        const files = reports.map(jsonReport);
        writeLine(JSON.stringify(files.length === 1 ? files[0] : { files }, null, 2));
        return;
      }
      for (const report of reports) printReport(report, flags, reports.length > 1);
    });
}

/** Dissects one capture; `onProgress`, when given, is told how far the read got instead of a progress line. */
export async function dissectFile(file: string, flags: DissectFlags, onProgress?: (read: number, size: number) => void): Promise<FileReport> {
  const decryption = await decryptionContext(flags);
  const pending: Array<Promise<SessionReport>> = [];
  const diagnostics: Diagnostic[] = [...decryption.diagnostics];
  // With a filter, a frame's -V lines wait until the frame is judged, then print or are dropped.
  let frameLines: string[] = [];
  const recorder = await filterRecorder(flags.filter, (_frame, matched) => {
    if (matched) writeLines(frameLines);
    frameLines = [];
  });
  const print = recorder === undefined ? writeLines : (lines: readonly string[]): void => void frameLines.push(...lines);
  // --ndjson: each session is written as soon as its report is ready (not with a filter, which
  // decides only at the end whether a connection matched).
  const stream = (report: Promise<SessionReport>): Promise<SessionReport> =>
    flags.ndjson !== true || recorder !== undefined
      ? report
      : report.then((r) => {
          if (r.tls !== null || flags.all === true) writeLine(JSON.stringify({ type: 'session', file, ...r }));
          return r;
        });
  const listener: AnalyzeListener = {
    finished(connection, session) {
      pending.push(stream(connectionReport(connection, session)));
    },
    finishedUdp(conversation, session) {
      pending.push(stream(conversationReport(conversation, session)));
    },
    diagnostic: (d) => diagnostics.push(d),
  };
  if (flags.verbose === true) {
    // Certificates print as they are read: load their decoder up front.
    const x509 = await loadX509();
    listener.record = (e) => print(renderTree(isDtlsRecord(e.record) ? dtlsRecordTree(e, e.record) : recordTree(e)));
    listener.message = (_session, message, decoded) => print(renderTree(messageTree(message, decoded, x509), '    ', 1));
    // A DTLS message sent again whole is shown in the frame that carries it, as Wireshark shows it.
    listener.retransmittedMessage = listener.message;
  }
  const bar = progressOr(onProgress, file, flags.quiet === true || flags.ndjson === true);
  const result = await analyze(file, withFilter(listener, recorder), { decryption, onProgress: bar.update });
  bar.done();
  recorder?.end();
  diagnostics.push(...decryption.finish());
  const selected = (r: SessionReport): boolean => recorder === undefined || recorder.flowMatches(r);
  const connections = (await Promise.all(pending)).filter((r) => (r.tls !== null || flags.all === true) && selected(r));
  connections.sort((a, b) => a.transport.localeCompare(b.transport) || a.stream - b.stream);
  return { file, capture: result.capture, connections, diagnostics };
}

function writeLines(lines: readonly string[]): void {
  for (const line of lines) writeLine(line);
}

function jsonReport(r: FileReport): object {
  return { file: r.file, capture: jsonCapture(r.capture), connections: r.connections, diagnostics: r.diagnostics };
}

function printReport(r: FileReport, flags: DissectFlags, labelled: boolean): void {
  const c = r.capture;
  const links = [...new Set(c.interfaces.map((i) => linkTypeName(i.linkType)))].join(', ');
  const span = c.firstTime !== undefined && c.lastTime !== undefined ? `${isoTime(c.firstTime)} + ${relativeSeconds(c.lastTime, c.firstTime).toFixed(3)} s` : 'no packets';
  writeLine(`${labelled ? '== ' : ''}${color.bold(r.file)}  ${c.format}${c.compressed ? ' (gzip)' : ''} · ${c.frames} frames · ${links} · ${span}${c.truncated ? color.yellow(' · truncated') : ''}`);
  if (r.connections.length === 0) {
    writeLine(flags.all === true ? 'no TCP connections or UDP conversations' : 'no TLS or DTLS sessions (use --all to list every TCP connection and UDP conversation)');
  } else {
    writeLine(renderTable(SESSION_TABLE_HEAD, r.connections.map(tableRow), new Set([0])));
    for (const report of r.connections) {
      writeLine('');
      writeLines(report.transport === 'tcp' ? sessionBlock(report) : sessionBlock(tcpShaped(report)).map((line, i) => (i === 0 ? `udp ${line}` : line)));
    }
  }
  const fileNotes = diagnosticLines(r.diagnostics);
  if (fileNotes.length > 0) {
    writeLine('');
    writeLines(fileNotes);
  }
  const decrypted = r.connections.filter((x) => x.tls?.decryption.status === 'decrypted').length;
  const tls = r.connections.filter((x) => x.tls !== null).length;
  const overUdp = r.connections.filter((x) => x.tls !== null && x.transport === 'udp').length;
  const bytes = r.connections.reduce((n, x) => n + (x.tls === null ? 0 : x.tls.decryption.applicationBytes.client + x.tls.decryption.applicationBytes.server), 0);
  writeLine('');
  writeLine(color.dim(`${tls} TLS session${tls === 1 ? '' : 's'}${overUdp > 0 ? ` (${overUdp} DTLS over UDP)` : ''}, ${decrypted} decrypted, ${formatBytes(bytes)} of application data`));
}

/** A table row; a UDP conversation's stream shows as "udp N". */
function tableRow(r: SessionReport): Array<string | number> {
  if (r.transport === 'tcp') return sessionRow(r);
  const [, ...rest] = sessionRow(tcpShaped(r));
  return [`udp ${r.stream}`, ...rest];
}

/**
 * The session row and block (format/session.ts) read a TCP summary. A UDP conversation is shown
 * through them with its datagram counts: payload bytes where TCP has delivered bytes, and none of
 * TCP's reassembly counters (UDP has no reassembly).
 */
function tcpShaped(r: UdpConversationReport): ConnectionReport {
  const u = r.udp;
  const side = (d: UdpConversationReport['udp']['clientToServer']) => ({
    packets: d.packets, frameBytes: d.frameBytes, payloadBytes: d.payloadBytes, deliveredBytes: d.payloadBytes,
    retransmissions: 0, outOfOrder: 0, overlapConflicts: 0, gaps: 0, gapBytes: 0,
  });
  const tcp = {
    stream: u.stream, client: u.client, server: u.server, firstFrame: u.firstFrame, lastFrame: u.lastFrame, firstTime: u.firstTime, lastTime: u.lastTime,
    midstream: false, synSeen: false, closedBy: u.closedBy, clientToServer: side(u.clientToServer), serverToClient: side(u.serverToClient),
    anomalies: u.anomalies, diagnostics: u.diagnostics,
  };
  return { stream: r.stream, transport: 'tcp', client: r.client, server: r.server, tcp, tls: r.tls };
}
