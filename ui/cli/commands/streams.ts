/** `keyhole streams CAPTURE...`: the TCP connections, reassembled, with every anomaly counted. */
import type { Command } from 'commander';
import { runPipeline } from '../../../dissect/pipeline.js';
import { analyze } from '../../../dissect/analyze.js';
import type { TcpConnection } from '../../../dissect/tcp/connection.js';
import { addFilterOption, filterRecorder, withFilter } from '../filter-option.js';
import { progress } from '../progress.js';
import { addSecretOptions, decryptionContext, type SecretFlags } from '../secret-options.js';
import type { Diagnostic } from '../../../dissect/diagnostics.js';
import { summarizeConnection, type ConnectionSummary } from '../../../dissect/tcp/summary.js';
import type { CaptureSummary } from '../../../dissect/capture/types.js';
import { formatSeconds, isoTime, relativeSeconds } from '../format/time.js';
import { formatBytes, renderTable } from '../format/table.js';
import { writeLine } from '../output.js';

interface StreamsOptions extends SecretFlags {
  readonly json?: boolean;
  readonly ndjson?: boolean;
  readonly filter?: string;
  readonly quiet?: boolean;
}

export function registerStreams(program: Command): void {
  const command = program
    .command('streams')
    .description('list TCP connections with reassembly statistics and anomalies')
    .argument('<captures...>', 'pcap or pcapng files (gzip is fine)')
    .option('--json', 'print one JSON document')
    .option('--ndjson', 'print one JSON object per connection as it closes')
    .option('-q, --quiet', 'no progress line on stderr');
  addSecretOptions(command);
  addFilterOption(command, 'lists the connections with at least one matching packet (secrets let it use decrypted fields)')
    .addHelpText('after', `
Examples:
  keyhole streams capture.pcapng
  keyhole streams --json a.pcap b.pcap.gz | jq '.files[].connections[] | select(.clientToServer.gaps > 0)'
  keyhole streams capture.pcap -Y 'tls.handshake.extensions_server_name contains "example" or tcp.analysis.retransmission'`)
    .action(async (captures: string[], options: StreamsOptions) => {
      const files = [];
      for (const file of captures) {
        let connections: ConnectionSummary[] = [];
        const diagnostics: Diagnostic[] = [];
        const recorder = await filterRecorder(options.filter);
        const closed = (c: TcpConnection): void => {
          const summary = summarizeConnection(c);
          // With a filter, a connection is known to match only once the capture has been read.
          if (options.ndjson === true && recorder === undefined) writeLine(JSON.stringify({ file, ...jsonConnection(summary) }));
          else connections.push(summary);
        };
        // TLS fields need the TLS layer; without a filter, reassembly alone is enough (and faster).
        const bar = progress(file, options.quiet === true || options.ndjson === true);
        const result =
          recorder === undefined
            ? await runPipeline(file, { closed, diagnostic: (d) => diagnostics.push(d) }, { onProgress: bar.update })
            : await analyze(file, withFilter({ closed, diagnostic: (d) => diagnostics.push(d) }, recorder), { onProgress: bar.update, decryption: await decryptionContext(options) });
        bar.done();
        recorder?.end();
        if (recorder !== undefined) {
          connections = connections.filter((c) => recorder.connectionMatches(c.stream));
          if (options.ndjson === true) for (const c of connections) writeLine(JSON.stringify({ file, ...jsonConnection(c) }));
        }
        connections.sort((a, b) => a.stream - b.stream);
        files.push({ file, capture: result.capture, connections, diagnostics });
      }
      if (options.ndjson === true) return;
      if (options.json === true) {
        writeLine(JSON.stringify({ files: files.map((f) => ({ file: f.file, capture: jsonCapture(f.capture), connections: f.connections.map(jsonConnection), diagnostics: f.diagnostics })) }, null, 2));
        return;
      }
      for (const f of files) {
        if (files.length > 1) writeLine(`== ${f.file}`);
        writeLine(streamsTable(f.connections, f.capture));
        for (const d of f.diagnostics) writeLine(`${d.severity}: ${d.message}`);
      }
    });
}

export function jsonCapture(capture: CaptureSummary): object {
  return {
    format: capture.format,
    compressed: capture.compressed,
    frames: capture.frames,
    truncated: capture.truncated,
    linkTypes: [...new Set(capture.interfaces.map((i) => i.linkType))],
    ...(capture.firstTime ? { firstTime: isoTime(capture.firstTime) } : {}),
    ...(capture.lastTime ? { lastTime: isoTime(capture.lastTime) } : {}),
  };
}

export function jsonConnection(c: ConnectionSummary): object {
  return { ...c, firstTime: isoTime(c.firstTime), lastTime: isoTime(c.lastTime) };
}

function anomalyText(c: ConnectionSummary): string {
  const parts: string[] = [];
  const total = (f: (d: ConnectionSummary['clientToServer']) => number) => f(c.clientToServer) + f(c.serverToClient);
  const gaps = total((d) => d.gaps);
  if (gaps > 0) parts.push(`${gaps} gap${gaps > 1 ? 's' : ''} (${total((d) => d.gapBytes)} B)`);
  const retransmissions = total((d) => d.retransmissions);
  if (retransmissions > 0) parts.push(`${retransmissions} retrans`);
  const outOfOrder = total((d) => d.outOfOrder);
  if (outOfOrder > 0) parts.push(`${outOfOrder} out-of-order`);
  const conflicts = total((d) => d.overlapConflicts);
  if (conflicts > 0) parts.push(`${conflicts} conflicting overlap${conflicts > 1 ? 's' : ''}`);
  if (c.midstream) parts.push('mid-stream');
  if ((c.anomalies['tcp.port-reuse'] ?? 0) > 0) parts.push('port reuse');
  return parts.join(', ');
}

function streamsTable(connections: readonly ConnectionSummary[], capture: CaptureSummary): string {
  const origin = capture.firstTime ?? { sec: 0, nsec: 0 };
  const rows = connections.map((c) => [
    c.stream,
    c.client,
    c.server,
    `${c.clientToServer.packets}/${c.serverToClient.packets}`,
    formatBytes(c.clientToServer.deliveredBytes),
    formatBytes(c.serverToClient.deliveredBytes),
    formatSeconds(relativeSeconds(c.firstTime, origin)),
    formatSeconds(relativeSeconds(c.lastTime, origin)),
    anomalyText(c),
  ]);
  return renderTable(['stream', 'client', 'server', 'pkts c/s', 'client bytes', 'server bytes', 'first (s)', 'last (s)', 'anomalies'], rows, new Set([0, 3, 4, 5, 6, 7]));
}
