/**
 * `keyhole http CAPTURE...`: the HTTP/1.x and HTTP/2 exchanges inside the captures (decrypted
 * TLS and plaintext alike), one row each: stream, method, authority, path, status, content type,
 * size and time. `--json` prints them with headers (and bodies with `--bodies`); `--ndjson`
 * prints each exchange as soon as it completes, so long captures stream.
 */
import type { Command } from 'commander';
import { Option } from 'commander';
import { analyze } from '../../../dissect/analyze.js';
import type { Diagnostic } from '../../../dissect/diagnostics.js';
import { FIELDS, type FilterRecorder } from '../../../dissect/filter/index.js';
import { HttpAnalyzer } from '../../../dissect/http/analyzer.js';
import type { HttpExchange, HttpMessage, Instant } from '../../../dissect/http/exchange.js';
import { UsageError } from '../errors.js';
import { addFilterOption, filterRecorder, withFilter } from '../filter-option.js';
import { color } from '../format/color.js';
import { formatBytes, renderTable } from '../format/table.js';
import { isoTime, relativeSeconds } from '../format/time.js';
import { writeLine } from '../output.js';
import { progressOr } from '../progress.js';
import { addSecretOptions, decryptionContext, type SecretFlags } from '../secret-options.js';
import { overFiles } from '../file-threads.js';

export interface HttpFlags extends SecretFlags {
  readonly json?: boolean;
  readonly ndjson?: boolean;
  readonly bodies?: boolean;
  readonly maxBody: string;
  readonly filter?: string;
  readonly quiet?: boolean;
}

export interface FileExchanges {
  readonly file: string;
  readonly exchanges: HttpExchange[];
  readonly diagnostics: Diagnostic[];
}

const TABLE_HEAD = ['stream', 'method', 'authority', 'path', 'status', 'content type', 'size', 'time'] as const;

export function registerHttp(program: Command): void {
  addSecretOptions(
    addFilterOption(
      program
        .command('http')
        .description('list HTTP/1.x and HTTP/2 requests and responses (decrypted TLS and plaintext)')
        .argument('<captures...>', 'pcap or pcapng files (gzip is fine)')
        .option('--json', 'print one JSON document with headers')
        .option('--ndjson', 'print one JSON object per exchange as it completes')
        .option('--bodies', 'with --json or --ndjson: include decoded bodies (text, or base64 when not UTF-8)')
        .option('-q, --quiet', 'no progress line on stderr')
        .addOption(new Option('--max-body <bytes>', 'largest body kept or decoded, in bytes').default(String(16 * 1024 * 1024))),
      'keeps the exchanges it selects (see below)',
    ),
  )
    .addHelpText(
      'after',
      `
-Y keeps an exchange when the filter matches a frame that carries its request or response (the
first or last frame of either; HTTP fields such as http.request.uri or http2.headers.path belong to
the frame that completes the message, as in Wireshark; a body that only the connection's end
completes is in no frame, so its response fields select nothing). A filter that names no http or http2 field
(tcp.stream == 1, ip.addr == 10.0.0.1, tls.handshake.extensions_server_name contains "x") selects
connections instead: every exchange of a connection with a matching frame is kept. --ndjson with
-Y prints the kept exchanges once the capture is read.

Examples:
  keyhole http capture.pcap --key server.key
  keyhole http capture.pcap --key server.key -Y 'http.request.uri contains "icons"'
  keyhole http capture.pcapng --keylog keys.log --json --bodies
  keyhole http capture.pcapng --ndjson | jq -r 'select(.status >= 400) | .path'`,
    )
    .action(async (captures: string[], flags: HttpFlags) => {
      const maxBodyBytes = Number(flags.maxBody);
      if (!Number.isInteger(maxBodyBytes) || maxBodyBytes < 0) throw new UsageError(`--max-body takes a number of bytes, not '${flags.maxBody}'`);
      if (flags.json === true && flags.ndjson === true) throw new UsageError('choose one of --json and --ndjson');
      const files = await overFiles('http', captures, flags, flags.ndjson === true, (file) => httpFile(file, flags));
      if (flags.ndjson === true) return;
      if (flags.json === true) {
        const json = files.map((f) => ({ file: f.file, exchanges: f.exchanges.map((e) => exchangeJson(e, flags.bodies === true)), diagnostics: f.diagnostics }));
        writeLine(JSON.stringify(json.length === 1 ? json[0] : { files: json }, null, 2));
        return;
      }
      for (const f of files) printFile(f, files.length > 1);
    });
}

/**
 * One capture's exchanges (with --ndjson, printed as they complete); `onProgress`, when given, is
 * told how far the read got instead of a progress line.
 */
export async function httpFile(file: string, flags: HttpFlags, onProgress?: (read: number, size: number) => void): Promise<FileExchanges> {
  const maxBodyBytes = Number(flags.maxBody);
  const decryption = await decryptionContext(flags);
  const recorder = await filterRecorder(flags.filter);
  const collected: HttpExchange[] = [];
  const bodies = flags.bodies === true;
  const print = (exchange: HttpExchange): void => writeLine(JSON.stringify({ file, ...exchangeJson(exchange, bodies) }));
  const http = new HttpAnalyzer(
    (exchange) => {
      if (flags.ndjson === true && recorder === undefined) print(exchange);
      else collected.push(exchange);
    },
    { keepBodies: bodies, maxBodyBytes, ...(recorder === undefined ? {} : { onMessage: (facts) => recorder.http(facts) }) },
  );
  const bar = progressOr(onProgress, file, flags.quiet === true || flags.ndjson === true);
  await analyze(file, withFilter(http, recorder, true), { decryption, onProgress: bar.update });
  bar.done();
  recorder?.end();
  const exchanges = recorder === undefined ? collected : collected.filter(selectedBy(recorder));
  exchanges.sort(byRequestFrame);
  if (flags.ndjson === true) exchanges.forEach(print);
  return { file, exchanges, diagnostics: [...decryption.diagnostics, ...decryption.finish(), ...http.diagnostics] };
}

/** Whether a field belongs to the http or http2 protocol (so the filter reads messages, not connections). */
function isHttpField(name: string): boolean {
  return FIELDS.get(name)?.source === 'http';
}

/**
 * The help text's rule: with HTTP fields in the filter an exchange needs a matching frame of its
 * own; otherwise a matching frame anywhere in its connection selects it.
 */
function selectedBy(recorder: FilterRecorder): (exchange: HttpExchange) => boolean {
  if (![...recorder.filter.fields].some(isHttpField)) return (exchange) => recorder.connectionMatches(exchange.stream);
  return (exchange) =>
    [exchange.request, exchange.response].some((m) => m !== null && (recorder.matches(m.firstFrame) || (m.lastFrame !== null && recorder.matches(m.lastFrame))));
}

/** Request order: the frame of the first request byte (responses without a request by theirs). */
function byRequestFrame(a: HttpExchange, b: HttpExchange): number {
  const first = (e: HttpExchange): number => e.request?.firstFrame ?? e.response?.firstFrame ?? 0;
  return first(a) - first(b) || a.stream - b.stream;
}

function printFile(f: FileExchanges, labelled: boolean): void {
  if (labelled) writeLine(color.bold(`== ${f.file}`));
  if (f.exchanges.length === 0) {
    writeLine('no HTTP exchanges (TLS needs its secrets: --key, --keylog or a pcapng with a Decryption Secrets Block)');
  } else {
    writeLine(renderTable(TABLE_HEAD, f.exchanges.map(tableRow), new Set([0, 4, 6, 7])));
  }
  const notes = [...f.diagnostics, ...f.exchanges.flatMap((e) => e.diagnostics.map((d) => ({ ...d, message: `stream ${e.stream}${e.http2Stream === null ? '' : `/${e.http2Stream}`}: ${d.message}` })))];
  for (const d of notes.filter((n) => n.severity === 'error' || n.severity === 'warning')) writeLine(color.yellow(`${d.severity}: ${d.message}`));
  writeLine(color.dim(`${f.exchanges.length} exchange${f.exchanges.length === 1 ? '' : 's'}`));
}

function tableRow(e: HttpExchange): string[] {
  const size = e.response?.decodedSize ?? e.response?.size;
  return [
    e.http2Stream === null ? String(e.stream) : `${e.stream}/${e.http2Stream}`,
    e.method ?? '?',
    e.authority ?? e.host ?? '',
    e.path ?? '',
    e.status === null ? '—' : String(e.status),
    e.response?.contentType ?? '',
    size === undefined ? '' : formatBytes(size),
    duration(e.timing.requestSent, e.timing.done),
  ];
}

function duration(from: Instant | null, to: Instant | null): string {
  if (from === null || to === null) return '';
  return `${(relativeSeconds(to, from) * 1000).toFixed(1)} ms`;
}

function instantJson(t: Instant | null): string | null {
  return t === null ? null : isoTime(t);
}

function messageJson(m: HttpMessage | null, bodies: boolean): object | null {
  if (m === null) return null;
  const { body, wireBody: _sameContentAsSent, ...rest } = m;
  return { ...rest, ...(bodies ? { body: bodyJson(body) } : {}) };
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });

function bodyJson(body: Uint8Array | null): object | null {
  if (body === null) return null;
  try {
    return { encoding: 'text', data: UTF8.decode(body) };
  } catch {
    return { encoding: 'base64', data: Buffer.from(body).toString('base64') };
  }
}

export function exchangeJson(e: HttpExchange, bodies: boolean): object {
  return {
    ...e,
    request: messageJson(e.request, bodies),
    response: messageJson(e.response, bodies),
    timing: { requestSent: instantJson(e.timing.requestSent), firstResponseByte: instantJson(e.timing.firstResponseByte), done: instantJson(e.timing.done) },
  };
}
