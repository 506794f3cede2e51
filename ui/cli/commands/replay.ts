/**
 * `keyhole replay CAPTURE`: say again what was said inside captured connections. Three modes,
 * exactly one per run: `--to HOST:PORT` replays the decrypted client side to a live server
 * (and with `--compare` checks the answers against the capture), `--serve` answers clients with
 * the captured server side, `--playback` replays the capture's events in time. This module owns
 * the command, its common options (which connections, secrets, --plain, --speed, --json) and the
 * live mode; the other two modes live in their own modules.
 *
 * Exit codes: 0 when every connection replayed (and, with --compare, matched); 1 when a
 * connection failed or differed; 2 for unusable input, including a --stream whose connection has
 * nothing decrypted to send (the message gives the decryption verdict's reason).
 */
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { Option } from 'commander';
import { parseHeaderRewrite, type HeaderRewrite } from '../../../replay/client/header-rewrites.js';
import { TIMINGS, type Timing } from '../../../replay/client/pacing.js';
import { mapConcurrently } from '../../../replay/client/concurrency.js';
import { protocolOf, replayConversation, type ReplayOptions } from '../../../replay/client/replay-connection.js';
import { formatTarget, parseTarget, type Target } from '../../../replay/client/target.js';
import type { ReplayOutcome } from '../../../replay/client/transcript.js';
import { compareConnection, type ConnectionComparison } from '../../../replay/compare/connection-compare.js';
import { DEFAULT_IGNORED_HEADERS, ignoredHeaders } from '../../../replay/compare/ignored-headers.js';
import { loadConversations, type CapturedConversation } from '../../../replay/conversation.js';
import { UsageError } from '../errors.js';
import { addFilterOption, streamsMatching } from '../filter-option.js';
import { color } from '../format/color.js';
import { formatBytes, renderTable } from '../format/table.js';
import { writeLine } from '../output.js';
import { addSecretOptions, decryptionContext, type SecretFlags } from '../secret-options.js';
import { noSuchStream, parseStreamIndex } from '../stream-option.js';
import { addPlaybackOptions, runPlayback } from './replay-playback.js';
import { addServeOptions, runServe, type ServeFlags } from './replay-serve.js';

/** The options every mode takes; each mode's flags extend these. */
export interface ReplayCommonFlags extends SecretFlags {
  readonly stream?: number;
  readonly all?: boolean;
  readonly filter?: string;
  readonly plain?: boolean;
  /** A time scale; 0 means no waiting at all. */
  readonly speed?: number;
  readonly timing?: Timing;
  readonly json?: boolean;
  readonly ndjson?: boolean;
}

interface LiveFlags extends ReplayCommonFlags {
  readonly to?: Target;
  readonly servername?: string;
  readonly alpn?: string;
  readonly insecure?: boolean;
  readonly ca?: string;
  readonly concurrency: number;
  readonly settle: number;
  readonly flightTimeout: number;
  readonly compare?: boolean;
  readonly diff?: boolean;
  readonly ignoreHeader?: string[];
  readonly hostHeader?: string;
  readonly header?: HeaderRewrite[];
}

/** Everything the command takes: the common options and those of each mode. */
interface ReplayFlags extends LiveFlags, Partial<Pick<ServeFlags, 'serve' | 'cert' | 'tlsKey'>>, Pick<ServeFlags, 'miss'> {
  readonly playback?: boolean;
}

const MODES = '--to HOST:PORT (replay to a live server), --serve [HOST:]PORT (mock server) or --playback (timed playback)';

const collect = <T,>(parse: (text: string) => T) => (value: string, previous: T[] | undefined): T[] => [...(previous ?? []), parse(value)];

function positiveNumber(option: string, integer: boolean): (text: string) => number {
  return (text) => {
    const value = Number(text);
    if (text.trim() === '' || !Number.isFinite(value) || value <= 0 || (integer && !Number.isInteger(value))) throw new UsageError(`${option} takes a positive ${integer ? 'whole ' : ''}number, not '${text}'`);
    return value;
  };
}

function speedOption(text: string): number {
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || value < 0) throw new UsageError(`--speed takes a factor such as 2 or 0.5 (0 for no waiting), not '${text}'`);
  return value;
}

function targetOption(text: string): Target {
  const target = parseTarget(text);
  if (target === undefined) throw new UsageError(`--to takes HOST:PORT (e.g. 127.0.0.1:8443, [::1]:443, staging.example.com:443), not '${text}'`);
  return target;
}

function headerOption(text: string): HeaderRewrite {
  const rewrite = parseHeaderRewrite(text);
  if (rewrite === undefined) throw new UsageError(`--header takes 'Name: value', not '${text}'`);
  return rewrite;
}

function addCommonOptions(command: Command): Command {
  return addSecretOptions(
    addFilterOption(
      command
        .argument('<capture>', 'pcap or pcapng file')
        .option('-s, --stream <n>', 'the connection to replay (Wireshark tcp.stream, as `keyhole streams` lists)', parseStreamIndex)
        .option('--all', 'every connection with decrypted (or plaintext) client data')
        .option('--plain', 'plain TCP instead of TLS (a plaintext capture, or a TLS capture replayed to a plaintext server)')
        .option('--speed <x>', 'time scale: 2 is twice as fast as captured, 0 does not wait (implies --timing original in live replay)', speedOption)
        .addOption(new Option('--timing <mode>', 'original: keep the captured pace (scaled by --speed); fast: no waiting beyond what the protocol needs').choices(TIMINGS))
        .option('--json', 'print one JSON document')
        .option('--ndjson', 'print one JSON object per line as each result comes'),
      'replays the connections with at least one matching packet',
    ),
  );
}

function addLiveOptions(command: Command): Command {
  return command
    .option('--to <host:port>', 'replay the client side to this live server', targetOption)
    .option('--servername <name>', 'TLS server name (SNI) to send instead of the captured one')
    .option('--alpn <list>', 'ALPN protocols to offer instead of the captured choice, comma-separated')
    .option('--insecure', 'do not check the server certificate')
    .option('--ca <file>', 'trust the CA certificates in this PEM file')
    .option('--concurrency <n>', 'connections replayed at once with --all or -Y', positiveNumber('--concurrency', true), 4)
    .option('--settle <ms>', 'quiet time after which a server that answered less than captured is taken to be done', positiveNumber('--settle', false), 300)
    .option('--flight-timeout <ms>', 'longest wait for one answer of the server', positiveNumber('--flight-timeout', false), 10_000)
    .option('--compare', 'compare the live answers with the captured ones (HTTP: status, headers, decoded body; otherwise bytes); exit 1 on a difference')
    .option('--diff', 'with --compare: print a unified diff for each difference')
    .option('--ignore-header <name>', 'with --compare: a response header to leave out, besides the default list; repeatable', collect(String))
    .option('--host-header <value>', 'send this Host (HTTP/2: :authority) instead of the captured one')
    .option('--header <field>', "add or replace a request header, 'Name: value'; repeatable", collect(headerOption));
}

/** Names in lines of `perLine`, indented, for help text. */
function wrapped(names: readonly string[], perLine: number): string {
  const lines: string[] = [];
  for (let at = 0; at < names.length; at += perLine) lines.push(`  ${names.slice(at, at + perLine).join(', ')}`);
  return lines.join(',\n');
}

const HELP = `
Modes (exactly one): ${MODES}.

Live replay sends each captured TLS record (or TCP segment) of the client as one write, and
waits for the server before sending what the client said after the server spoke: until it has
sent as many bytes as it did in the capture, goes quiet for --settle ms, or --flight-timeout
passes. HTTP/2 is replayed request by request through an HTTP/2 client session instead (HPACK
state and stream ids make the captured frames meaningless on a new connection). HTTP/1 requests
are sent byte for byte unless --header or --host-header rewrites them.

--compare ignores these response headers by default (--ignore-header adds more):
${wrapped(Object.keys(DEFAULT_IGNORED_HEADERS), 6)}
and compares Set-Cookie by cookie name only.

Examples:
  keyhole replay demo.pcapng --key demo.key --stream 0 --to staging.internal:443 --compare --diff
  keyhole replay app.pcapng --keylog keys.log --all --to 127.0.0.1:8443 --insecure --concurrency 8
  keyhole replay app.pcapng --keylog keys.log -Y 'http.host == "api.example.com"' --to 10.0.0.5:80 --plain
  keyhole replay app.pcapng --keylog keys.log -s 3 --to localhost:8443 --timing original --speed 10
`;

export function registerReplay(program: Command): void {
  const command = addCommonOptions(program.command('replay').description('replay decrypted connections to a live server, serve them as a mock server, or play them back in time'));
  addPlaybackOptions(addServeOptions(addLiveOptions(command)))
    .addHelpText('after', HELP)
    .action(async (capture: string, flags: ReplayFlags) => {
      const modes = [flags.to, flags.serve, flags.playback].filter((mode) => mode !== undefined && mode !== false);
      if (modes.length !== 1) throw new UsageError(`replay needs exactly one of ${MODES}`);
      if (flags.serve !== undefined) return runServe(capture, { ...flags, serve: flags.serve });
      if (flags.playback === true) return runPlayback(capture, flags);
      if (flags.to !== undefined) return runLive(capture, flags.to, flags);
    });
}


/** What --stream, --all and -Y select, checked; undefined selects every connection. */
function selection(flags: ReplayCommonFlags): 'all' | 'filter' | number {
  if (flags.stream !== undefined && (flags.all === true || flags.filter !== undefined)) throw new UsageError('--stream names one connection: leave out --all and -Y');
  if (flags.stream !== undefined) return flags.stream;
  if (flags.filter !== undefined) return 'filter';
  if (flags.all === true) return 'all';
  throw new UsageError('say which connections to replay: --stream N, --all or -Y FILTER');
}

/** Why a connection cannot be replayed, or undefined when it can. */
function notReplayable(conversation: CapturedConversation): string | undefined {
  if (conversation.messages.some((m) => m.side === 'client')) return undefined;
  const verdict = conversation.decryption;
  if (verdict !== undefined && verdict.status !== 'decrypted') return `was not decrypted, so there is nothing to send: ${verdict.reason ?? 'no reason given'}`;
  return 'has no client data to send';
}

/**
 * The selected connections' conversations, with the ones that have nothing to send left out
 * (and named on stderr). A --stream that does not exist or has nothing to send is a usage error.
 */
export async function loadSelected(capture: string, flags: ReplayCommonFlags): Promise<CapturedConversation[]> {
  const selected = selection(flags);
  const select = typeof selected === 'number' ? (stream: number) => stream === selected : selected === 'filter' ? await streamsMatching(capture, flags.filter, flags) : undefined;
  const loaded = await loadConversations(capture, { decryption: await decryptionContext(flags), ...(select === undefined ? {} : { select }) });
  if (typeof selected === 'number') {
    const only = loaded.conversations[0];
    if (only === undefined) throw noSuchStream('tcp', selected, capture, loaded.connections);
    const reason = notReplayable(only);
    if (reason !== undefined) throw new UsageError(`stream ${selected} ${reason}`);
  }
  const replayable = loaded.conversations.filter((c) => {
    const reason = notReplayable(c);
    if (reason !== undefined) process.stderr.write(`keyhole: skipping stream ${c.stream}: it ${reason}\n`);
    return reason === undefined;
  });
  if (replayable.length === 0) throw new UsageError(`no selected connection in ${capture} has client data to replay`);
  for (const c of replayable.filter((c) => c.decryption?.status === 'partial')) process.stderr.write(`keyhole: stream ${c.stream} was only partly decrypted; replaying what was: ${c.decryption?.reason ?? ''}\n`);
  return replayable;
}

function replayOptions(target: Target, flags: LiveFlags): ReplayOptions {
  const rewrites = [...(flags.hostHeader === undefined ? [] : [{ name: 'Host', value: flags.hostHeader }]), ...(flags.header ?? [])];
  let ca: string | undefined;
  if (flags.ca !== undefined) {
    try {
      ca = readFileSync(flags.ca, 'utf8');
    } catch (error) {
      throw new UsageError(`cannot read --ca ${flags.ca}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return {
    target,
    plain: flags.plain === true,
    ...(flags.servername === undefined ? {} : { servername: flags.servername }),
    ...(flags.alpn === undefined ? {} : { alpn: flags.alpn.split(',').map((p) => p.trim()).filter((p) => p.length > 0) }),
    insecure: flags.insecure === true,
    ...(ca === undefined ? {} : { ca }),
    timing: flags.speed === 0 ? 'fast' : (flags.timing ?? (flags.speed === undefined ? 'fast' : 'original')),
    speed: flags.speed === undefined || flags.speed === 0 ? 1 : flags.speed,
    limits: { settleMs: flags.settle, timeoutMs: flags.flightTimeout },
    rewrites,
  };
}

interface LiveResult {
  readonly conversation: CapturedConversation;
  readonly outcome: ReplayOutcome;
  readonly comparison: ConnectionComparison | undefined;
}

async function runLive(capture: string, target: Target, flags: LiveFlags): Promise<void> {
  if (flags.diff === true && flags.compare !== true) throw new UsageError('--diff shows the differences --compare finds: add --compare');
  const options = replayOptions(target, flags);
  const conversations = await loadSelected(capture, flags);
  const ignored = ignoredHeaders(flags.ignoreHeader ?? []);
  const results = await mapConcurrently(conversations, flags.concurrency, async (conversation): Promise<LiveResult> => {
    if (options.rewrites.length > 0 && protocolOf(conversation) === 'bytes') process.stderr.write(`keyhole: stream ${conversation.stream} is not HTTP: header rewrites do not apply\n`);
    if (!conversation.tls && !options.plain) process.stderr.write(`keyhole: stream ${conversation.stream} was plaintext in the capture; replaying it over TLS (--plain replays it as captured)\n`);
    const outcome = await replayConversation(conversation, options);
    if (outcome.error !== undefined) process.stderr.write(`keyhole: stream ${conversation.stream}: ${outcome.error}\n`);
    const comparison = flags.compare === true ? compareConnection(conversation, outcome, { ignoredHeaders: ignored }) : undefined;
    const result = { conversation, outcome, comparison };
    if (flags.ndjson === true) writeLine(JSON.stringify(connectionJson(result)));
    return result;
  });
  printResults(capture, target, results, flags);
  process.exitCode = results.some((r) => r.outcome.error !== undefined || r.comparison?.matched === false) ? 1 : 0;
}

function printResults(capture: string, target: Target, results: readonly LiveResult[], flags: LiveFlags): void {
  // With --ndjson each connection was printed as it finished.
  if (flags.ndjson === true) return;
  if (flags.json === true) writeLine(JSON.stringify(jsonReport(capture, target, results), null, 2));
  else if (flags.compare === true) printComparison(results, flags.diff === true);
  else printReplays(target, results);
}

/** What the capture's server sent, counted as the replay counts the live answer (HTTP/2: body bytes). */
function capturedServerBytes(conversation: CapturedConversation): number {
  if (protocolOf(conversation) === 'http2') return conversation.exchanges.reduce((sum, e) => sum + (e.response?.size ?? 0), 0);
  return conversation.messages.reduce((sum, m) => sum + (m.side === 'server' ? m.bytes.length : 0), 0);
}

const PROTOCOL_NAMES = { http1: 'HTTP/1', http2: 'HTTP/2', bytes: 'bytes' } as const;

function printReplays(target: Target, results: readonly LiveResult[]): void {
  const rows = results.map(({ conversation, outcome }) => [
    conversation.stream,
    formatTarget(target),
    PROTOCOL_NAMES[outcome.protocol],
    `${outcome.sentMessages} (${formatBytes(outcome.sentBytes)})`,
    `${formatBytes(outcome.receivedBytes)} of ${formatBytes(capturedServerBytes(conversation))}`,
    `${Math.round(outcome.elapsedMs)} ms`,
    outcome.error === undefined ? color.green('replayed') : color.red('failed'),
  ]);
  writeLine(renderTable(['stream', 'to', 'protocol', 'sent', 'received (captured)', 'time', 'result'], rows, new Set([0])));
}

function verdict(matched: boolean, what: string): string {
  return matched ? color.green('match') : color.red(what);
}

function comparisonRows({ conversation, outcome, comparison }: LiveResult): Array<Array<string | number>> {
  if (comparison === undefined) return [];
  if (outcome.error !== undefined && outcome.receivedBytes === 0) return [[conversation.stream, '', '', '', '', color.red('failed (see the error above)')]];
  if (comparison.kind === 'bytes')
    return [[conversation.stream, '', 'server bytes', formatBytes(comparison.capturedBytes), formatBytes(comparison.liveBytes), verdict(comparison.matched, 'bytes differ')]];
  return comparison.exchanges.map((e) => {
    const aspects = [...new Set(e.differences.map((d) => (d.aspect === 'header' ? `header ${d.name ?? ''}` : d.aspect)))];
    return [conversation.stream, e.index, e.request, e.capturedStatus ?? '-', e.liveStatus ?? '-', verdict(e.differences.length === 0, `differs: ${aspects.join(', ')}`)];
  });
}

function printComparison(results: readonly LiveResult[], withDiff: boolean): void {
  const rows = results.flatMap(comparisonRows);
  writeLine(renderTable(['stream', '#', 'request', 'captured', 'live', 'result'], rows, new Set([0, 1])));
  const matching = results.filter((r) => r.comparison?.matched === true && r.outcome.error === undefined).length;
  writeLine(`${matching} of ${results.length} connection${results.length === 1 ? '' : 's'} matched`);
  if (!withDiff) return;
  for (const { comparison } of results) {
    const diffs = comparison === undefined ? [] : comparison.kind === 'bytes' ? [comparison.diff] : comparison.exchanges.map((e) => e.diff);
    for (const diff of diffs.filter((d) => d.length > 0)) {
      writeLine('');
      for (const line of diff) writeLine(line.startsWith('+') ? color.green(line) : line.startsWith('-') ? color.red(line) : line.startsWith('@@') ? color.cyan(line) : line);
    }
  }
}

function connectionJson({ conversation, outcome, comparison }: LiveResult): object {
  return {
    stream: conversation.stream,
    client: conversation.client,
    server: conversation.server,
    protocol: PROTOCOL_NAMES[outcome.protocol],
    alpn: { captured: conversation.alpn ?? null, live: outcome.alpn ?? null },
    sent: { messages: outcome.sentMessages, bytes: outcome.sentBytes },
    received: { bytes: outcome.receivedBytes, capturedBytes: capturedServerBytes(conversation) },
    elapsedMs: Math.round(outcome.elapsedMs),
    error: outcome.error ?? null,
    ...(comparison === undefined ? {} : { comparison }),
  };
}

function jsonReport(capture: string, target: Target, results: readonly LiveResult[]): object {
  return {
    capture,
    to: formatTarget(target),
    matched: results.every((r) => r.outcome.error === undefined && r.comparison?.matched !== false),
    connections: results.map(connectionJson),
  };
}

