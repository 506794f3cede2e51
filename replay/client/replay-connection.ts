/**
 * Replays one captured connection to a live server: picks how (HTTP/2 through node:http2, any
 * other bytes as captured, HTTP/1 heads rewritten when asked), opens TLS or TCP with the
 * captured server name and ALPN unless told otherwise, and returns what happened, errors
 * included as one line: a replay of many connections goes on past one that fails.
 */
import { isIP } from 'node:net';
import type { CapturedConversation } from '../conversation.js';
import { replayBytes } from './byte-replay.js';
import type { HeaderRewrite } from './header-rewrites.js';
import { rewriteRequests } from './http1-rewrite.js';
import { replayHttp2 } from './http2-replay.js';
import { Pacer, type Timing } from './pacing.js';
import type { WaitLimits } from './server-reader.js';
import { formatTarget, type Target } from './target.js';
import type { ReplayOutcome, ReplayProtocol } from './transcript.js';
import { openTransport, ReplayError, type OpenTransport } from './transport.js';

export interface ReplayOptions {
  readonly target: Target;
  readonly plain: boolean;
  /** Overrides the captured SNI. */
  readonly servername?: string;
  /** Overrides the captured ALPN. */
  readonly alpn?: readonly string[];
  readonly insecure: boolean;
  /** Extra trusted CA certificates (PEM text). */
  readonly ca?: string;
  readonly timing: Timing;
  readonly speed: number;
  readonly limits: WaitLimits;
  readonly rewrites: readonly HeaderRewrite[];
}

export function protocolOf(conversation: CapturedConversation): ReplayProtocol {
  const version = conversation.exchanges[0]?.version;
  if (version === undefined) return 'bytes';
  return version === 'HTTP/2' ? 'http2' : 'http1';
}

/** HTTP/2 must be asked for by name; a byte replay asks for what the captured server chose. */
function alpnToOffer(conversation: CapturedConversation, protocol: ReplayProtocol, options: ReplayOptions): readonly string[] {
  if (options.alpn !== undefined) return options.alpn;
  if (protocol === 'http2') return ['h2'];
  return conversation.alpn === undefined ? conversation.alpnOffered : [conversation.alpn];
}

function servernameFor(conversation: CapturedConversation, options: ReplayOptions): string | undefined {
  const name = options.servername ?? conversation.sni ?? options.target.host;
  return isIP(name) === 0 ? name : undefined;
}

type Replayed = Pick<ReplayOutcome, 'sentMessages' | 'sentBytes' | 'receivedBytes' | 'transcript' | 'responses' | 'error'>;

async function replayOver(transport: OpenTransport, conversation: CapturedConversation, protocol: ReplayProtocol, options: ReplayOptions): Promise<Replayed> {
  const origin = conversation.messages[0]?.time ?? conversation.firstTime;
  const pacer = new Pacer(options.timing, options.speed, origin);
  if (protocol === 'http2') {
    if (!options.plain && transport.alpn !== 'h2') {
      transport.socket.destroy();
      throw new ReplayError(`the server did not agree to HTTP/2 by ALPN (it chose ${transport.alpn ?? 'nothing'}); HTTP/2 replay needs it`);
    }
    const result = await replayHttp2(transport, conversation, { pacer, limits: options.limits, rewrites: options.rewrites, authority: formatTarget(options.target), plain: options.plain });
    return { ...result, transcript: [] };
  }
  const messages = protocol === 'http1' ? rewriteRequests(conversation.messages, options.rewrites) : conversation.messages;
  try {
    const result = await replayBytes(transport.socket, messages, pacer, options.limits);
    return { ...result, responses: [] };
  } finally {
    transport.socket.end();
    transport.socket.destroySoon();
  }
}

export async function replayConversation(conversation: CapturedConversation, options: ReplayOptions): Promise<ReplayOutcome> {
  const started = performance.now();
  const protocol = protocolOf(conversation);
  const base = { stream: conversation.stream, protocol };
  try {
    const transport = await openTransport(options.target, {
      plain: options.plain,
      servername: servernameFor(conversation, options),
      alpn: alpnToOffer(conversation, protocol, options),
      insecure: options.insecure,
      ca: options.ca,
      timeoutMs: options.limits.timeoutMs,
    });
    const result = await replayOver(transport, conversation, protocol, options);
    const error = result.error === undefined ? undefined : `${formatTarget(options.target)}: ${result.error}`;
    return { ...base, ...result, alpn: transport.alpn, elapsedMs: performance.now() - started, error };
  } catch (error) {
    if (!(error instanceof ReplayError)) throw error;
    return { ...base, sentMessages: 0, sentBytes: 0, receivedBytes: 0, transcript: [], responses: [], alpn: undefined, elapsedMs: performance.now() - started, error: `${formatTarget(options.target)}: ${error.message}` };
  }
}
