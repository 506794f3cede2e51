/**
 * `keyhole stats CAPTURE...`: one pass, several small tables (or one `--json` document): the
 * protocol hierarchy as `tshark -q -z io,phs` counts it, TLS versions, cipher suites, SNIs, JA3
 * and JA4 by session, how many sessions decrypted and why the others did not, HTTP status codes,
 * and the top talkers by bytes.
 */
import type { Command } from 'commander';
import type { Diagnostic } from '../../../dissect/diagnostics.js';
import { captureStats } from '../../../dissect/stats/capture-stats.js';
import type { CaptureStats, KeyCount } from '../../../dissect/stats/collector.js';
import type { ProtocolNode } from '../../../dissect/stats/protocol-tree.js';
import { color } from '../format/color.js';
import { formatBytes, renderTable } from '../format/table.js';
import { writeLine } from '../output.js';
import { progressOr } from '../progress.js';
import { addSecretOptions, decryptionContext, type SecretFlags } from '../secret-options.js';
import { overFiles } from '../file-threads.js';

export interface StatsFlags extends SecretFlags {
  readonly json?: boolean;
  readonly quiet?: boolean;
}

export interface FileStats {
  readonly file: string;
  readonly stats: CaptureStats;
  readonly diagnostics: readonly Diagnostic[];
}

/** Rows printed per table; --json has them all (up to each table's bound). */
const TABLE_ROWS = 20;
const COUNTS = new Set([1]);

export function registerStats(program: Command): void {
  addSecretOptions(
    program
      .command('stats')
      .description('capture statistics: protocol hierarchy, TLS versions, suites, SNI, JA3/JA4, decryption, HTTP status codes, top talkers')
      .argument('<captures...>', 'pcap or pcapng files (gzip is fine)')
      .option('--json', 'print one JSON document')
      .option('-q, --quiet', 'no progress line on stderr'),
  )
    .addHelpText(
      'after',
      `
The protocol hierarchy counts each frame once at every layer it carries, as tshark -q -z io,phs:
tls in frames that complete a TLS record, http in frames that complete an HTTP message (so
HTTPS shows as tls > http once decrypted), data for TCP or UDP payload that nothing claims.
Tables list at most ${TABLE_ROWS} rows; each keeps 10000 distinct values, the rest count as "(other)".

Examples:
  keyhole stats capture.pcapng
  keyhole stats capture.pcap --key server.key --json`,
    )
    .action(async (captures: string[], flags: StatsFlags) => {
      const files = await overFiles('stats', captures, flags, false, (file) => statsFile(file, flags));
      if (flags.json === true) {
        const json = files.map((f) => ({ file: f.file, ...f.stats, diagnostics: f.diagnostics }));
        writeLine(JSON.stringify(json.length === 1 ? json[0] : { files: json }, null, 2));
        return;
      }
      for (const f of files) printFile(f, files.length > 1);
    });
}

/** One capture's statistics; `onProgress`, when given, is told how far the read got instead of a progress line. */
export async function statsFile(file: string, flags: StatsFlags, onProgress?: (read: number, size: number) => void): Promise<FileStats> {
  const decryption = await decryptionContext(flags);
  const bar = progressOr(onProgress, file, flags.quiet);
  const stats = await captureStats(file, { decryption, onProgress: bar.update });
  bar.done();
  return { file, stats, diagnostics: [...decryption.diagnostics, ...decryption.finish()] };
}

function printFile(f: FileStats, labelled: boolean): void {
  const { stats } = f;
  if (labelled) writeLine(color.bold(`== ${f.file}`));
  writeLine(`${stats.frames} frames, ${formatBytes(stats.bytes)}`);
  section('Protocol hierarchy', ['protocol', 'frames', 'bytes'], hierarchyRows(stats.protocols), new Set([1, 2]));
  counts('TLS versions', 'version', 'sessions', stats.tls.versions);
  counts('Cipher suites', 'cipher suite', 'sessions', stats.tls.cipherSuites);
  counts('Server names (SNI)', 'server name', 'sessions', stats.tls.sni);
  counts('JA3', 'ja3', 'sessions', stats.tls.ja3);
  counts('JA4', 'ja4', 'sessions', stats.tls.ja4);
  const { decryption } = stats;
  const rate = decryption.successRate === null ? '' : `: ${(decryption.successRate * 100).toFixed(1)}% decrypted`;
  section(`Decryption${rate}`, ['verdict', 'sessions'], stats.tls.sessions === 0 ? [] : [['decrypted', decryption.decrypted], ['partial', decryption.partial], ['not decrypted', decryption.notDecrypted]], COUNTS);
  counts('Why sessions did not (fully) decrypt', 'reason', 'sessions', decryption.reasons);
  counts('HTTP status codes', 'status', 'exchanges', stats.http.statuses);
  section('Top talkers', ['address', 'frames', 'bytes'], stats.topTalkers.map((t) => [t.address, t.frames, formatBytes(t.bytes)]), new Set([1, 2]));
  for (const d of f.diagnostics.filter((n) => n.severity === 'error' || n.severity === 'warning')) writeLine(color.yellow(`${d.severity}: ${d.message}`));
}

/** The tree flattened, each protocol indented under its parent. */
function hierarchyRows(nodes: readonly ProtocolNode[], depth = 0): Array<Array<string | number>> {
  return nodes.flatMap((n) => [[`${'  '.repeat(depth)}${n.name}`, n.frames, n.bytes], ...hierarchyRows(n.children, depth + 1)]);
}

function counts(title: string, what: string, unit: string, rows: readonly KeyCount[]): void {
  section(title, [what, unit], rows.map((r) => [r.value, r.count]), COUNTS);
}

function section(title: string, head: readonly string[], rows: ReadonlyArray<ReadonlyArray<string | number>>, rightAligned: ReadonlySet<number>): void {
  writeLine('');
  writeLine(color.bold(title));
  if (rows.length === 0) {
    writeLine(color.dim('none'));
    return;
  }
  writeLine(renderTable(head, rows.slice(0, TABLE_ROWS), rightAligned));
  if (rows.length > TABLE_ROWS) writeLine(color.dim(`${rows.length - TABLE_ROWS} more (--json lists them all)`));
}
