/**
 * `keyhole replay CAPTURE --serve [HOST:]PORT`: a mock server that answers with the captured
 * server side (replay/mock). The first line on stderr is the bound address ("listening on
 * https://127.0.0.1:43211") so scripts can read the port picked for 0; then one line per request
 * (or NDJSON on stdout with --json) until SIGINT or SIGTERM.
 */
import { readFileSync } from 'node:fs';
import { createSecureContext } from 'node:tls';
import { Option, type Command } from 'commander';
import { loadConversations, type CapturedConversation } from '../../../replay/conversation.js';
import { selfSignedIdentity, type ServerIdentity } from '../../../replay/mock/certificate.js';
import type { MissPolicy, MockEvent } from '../../../replay/mock/events.js';
import { parseListenAddress, type ListenAddress } from '../../../replay/mock/listen-address.js';
import { servableOf, startMockServer, type MockServer } from '../../../replay/mock/server.js';
import { UsageError } from '../errors.js';
import { streamsMatching } from '../filter-option.js';
import { writeLine } from '../output.js';
import { progress } from '../progress.js';
import { decryptionContext } from '../secret-options.js';
import { noSuchStream } from '../stream-option.js';
import type { ReplayCommonFlags } from './replay.js';

export interface ServeFlags extends ReplayCommonFlags {
  readonly serve: string;
  readonly cert?: string;
  readonly tlsKey?: string;
  readonly miss: MissPolicy;
}

const MISS_POLICIES: readonly MissPolicy[] = ['404', '502', 'close'];

const SERVE_HELP = `
--serve answers each HTTP request (HTTP/1.1, and HTTP/2 when the capture has it) with the
captured exchange that matches it first by: method, path, query and request body; then method,
path and query; then method and path; then path alone. A request seen several times in the
capture is answered in captured order, then the last answer repeats. Other protocols get the
captured server bytes flight by flight, each after the client has sent about what it sent.
Without --cert/--tls-key a self-signed certificate for the captured server names is made.

  keyhole replay demo.pcapng --key demo.key --serve 8443
  keyhole replay app.pcapng --keylog keys.log -Y 'http.host == "api.example.com"' --serve 0.0.0.0:8080 --plain --miss 502
`;

export function addServeOptions(command: Command): Command {
  return command
    .addHelpText('after', SERVE_HELP)
    .option('--serve <[host:]port>', 'answer clients as the captured server (127.0.0.1 unless a host is given; port 0 picks a free one)')
    .option('--cert <file>', 'with --serve: the PEM certificate to serve (default: a self-signed one for the captured server name)')
    .option('--tls-key <file>', "with --serve: the PEM private key of --cert")
    .addOption(new Option('--miss <policy>', 'with --serve: the answer to a request the capture has no exchange for').choices(MISS_POLICIES).default('404'));
}

function listenAddress(text: string): ListenAddress {
  const address = parseListenAddress(text);
  if (address === undefined) throw new UsageError(`--serve takes [HOST:]PORT with a port from 0 to 65535, not '${text}'`);
  return address;
}

function readPem(file: string, what: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read the ${what} ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/**
 * The certificate and key files given, checked to be a usable pair before the capture is read;
 * 'self-signed' when none are given (made once the captured server names are known); undefined
 * with --plain.
 */
function givenIdentity(flags: ServeFlags): ServerIdentity | 'self-signed' | undefined {
  if (flags.plain === true) {
    if (flags.cert !== undefined || flags.tlsKey !== undefined) throw new UsageError('--plain serves without TLS: leave out --cert and --tls-key');
    return undefined;
  }
  if (flags.cert === undefined && flags.tlsKey === undefined) return 'self-signed';
  if (flags.cert === undefined || flags.tlsKey === undefined) throw new UsageError('--cert and --tls-key go together');
  const identity = { certificatePem: readPem(flags.cert, 'certificate'), privateKeyPem: readPem(flags.tlsKey, 'private key') };
  try {
    createSecureContext({ cert: identity.certificatePem, key: identity.privateKeyPem });
  } catch (error) {
    throw new UsageError(`cannot serve with --cert ${flags.cert} and --tls-key ${flags.tlsKey}: ${error instanceof Error ? error.message : String(error)}`);
  }
  return identity;
}

/** Which streams to serve: --stream N, the connections -Y matches (a pass of its own), or all. */
async function selection(capture: string, flags: ServeFlags): Promise<((stream: number) => boolean) | undefined> {
  const wanted = flags.stream;
  if (wanted !== undefined) return (stream) => stream === wanted;
  return streamsMatching(capture, flags.filter, flags);
}

/** Why a connection adds nothing to serve, from its decryption verdict. */
function unservedReason(conversation: CapturedConversation): string {
  const verdict = conversation.decryption;
  if (verdict !== undefined && verdict.status !== 'decrypted') return `was not decrypted: ${verdict.reason ?? 'no reason given'}`;
  return 'carries no application data';
}

function nothingToServe(capture: string, conversations: readonly CapturedConversation[]): UsageError {
  if (conversations.length === 0) return new UsageError(`${capture}: no TCP connection was selected, nothing to serve`);
  return new UsageError(`${capture}: nothing to serve (${conversations.map((c) => `stream ${c.stream} ${unservedReason(c)}`).join('; ')})`);
}

/** After the listening line: the selected connections left out, and those served only in part. */
function noteCoverage(conversations: readonly CapturedConversation[]): void {
  for (const c of conversations) {
    if (c.messages.length === 0) process.stderr.write(`keyhole: not serving stream ${c.stream}: it ${unservedReason(c)}\n`);
    else if (c.decryption?.status === 'partial') process.stderr.write(`keyhole: stream ${c.stream} was only partly decrypted; serving what was: ${c.decryption.reason ?? 'no reason given'}\n`);
  }
}

async function listen(conversations: readonly CapturedConversation[], address: ListenAddress, flags: ServeFlags, identity: ServerIdentity | undefined): Promise<MockServer> {
  try {
    return await startMockServer(conversations, { ...address, miss: flags.miss, onEvent: flags.json === true ? (e) => writeLine(JSON.stringify(e)) : logLine, ...(identity === undefined ? {} : { identity }) });
  } catch (error) {
    const code = error instanceof Error && 'code' in error ? error.code : undefined;
    const where = address.host.includes(':') ? `[${address.host}]:${address.port}` : `${address.host}:${address.port}`;
    if (code === 'EADDRINUSE') throw new UsageError(`cannot listen on ${where}: the port is in use`);
    if (code === 'EACCES' || code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') throw new UsageError(`cannot listen on ${where}: ${error instanceof Error ? error.message : String(code)}`);
    throw error;
  }
}

/** One readable line per event on stderr. */
function formatEvent(event: MockEvent): string {
  const time = event.time.toISOString();
  switch (event.kind) {
    case 'answer': {
      const notes = [...(event.recoded ? ['body content-coded again'] : []), ...(event.bodyMissing ? ['body not in the capture'] : [])];
      return `${time} ${event.method} ${event.target} ${event.status} <- stream ${event.stream} exchange ${event.exchange} frame ${event.frame} (${event.level})${notes.length > 0 ? ` [${notes.join(', ')}]` : ''}`;
    }
    case 'miss':
      return `${time} ${event.method} ${event.target} miss: ${event.policy === 'close' ? 'connection closed' : event.policy}`;
    case 'flight':
      return `${time} stream ${event.stream} server flight ${event.flight}: ${event.bytes} bytes from frame ${event.frame}`;
    case 'error':
      return `${time} error: ${event.message}`;
  }
}

function logLine(event: MockEvent): void {
  process.stderr.write(`${formatEvent(event)}\n`);
}

export async function runServe(capture: string, flags: ServeFlags): Promise<void> {
  const address = listenAddress(flags.serve);
  const given = givenIdentity(flags);
  const select = await selection(capture, flags);
  const decryption = await decryptionContext(flags);
  const bar = progress(capture, flags.json);
  const loaded = await loadConversations(capture, { decryption, onProgress: bar.update, ...(select === undefined ? {} : { select }) });
  bar.done();
  decryption.finish();
  const { conversations } = loaded;
  if (flags.stream !== undefined && conversations.length === 0) throw noSuchStream('tcp', flags.stream, capture, loaded.connections);
  const servable = servableOf(conversations);
  if (servable.http.length === 0 && servable.other.length === 0) throw nothingToServe(capture, conversations);
  const identity = given === 'self-signed' ? selfSignedIdentity(conversations.flatMap((c) => (c.sni === undefined ? [] : [c.sni]))) : given;
  const server = await listen(conversations, address, flags, identity);
  process.stderr.write(`listening on ${server.url}\n`);
  noteCoverage(conversations);
  await new Promise<void>((resolve) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      void server.close().then(resolve);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}
