/**
 * One replayed connection against its capture: HTTP exchange by exchange where the connection
 * spoke HTTP, otherwise the server's bytes as a whole (a server that answers in other pieces
 * but with the same bytes still matches).
 */
import { concatBytes, equalBytes } from '../../dissect/bytes.js';
import type { CapturedConversation } from '../conversation.js';
import type { ReplayOutcome } from '../client/transcript.js';
import { compareExchanges, type ExchangeComparison } from './http-compare.js';
import { liveHttp1, liveHttp2 } from './live-exchanges.js';
import { bytesAsLines } from './render.js';
import { unifiedDiff } from './unified-diff.js';

export type ConnectionComparison =
  | { readonly kind: 'http'; readonly matched: boolean; readonly exchanges: readonly ExchangeComparison[] }
  | { readonly kind: 'bytes'; readonly matched: boolean; readonly capturedBytes: number; readonly liveBytes: number; readonly diff: readonly string[] };

export interface CompareOptions {
  /** Lower-case header names left out (see ignored-headers.ts). */
  readonly ignoredHeaders: ReadonlySet<string>;
}

export function compareConnection(conversation: CapturedConversation, outcome: ReplayOutcome, options: CompareOptions): ConnectionComparison {
  if (outcome.protocol === 'bytes') return compareServerBytes(conversation, outcome);
  const live = outcome.protocol === 'http2' ? liveHttp2(outcome.responses) : liveHttp1(outcome.transcript, conversation.stream);
  const exchanges = compareExchanges(conversation.exchanges, live, options.ignoredHeaders);
  return { kind: 'http', matched: exchanges.every((e) => e.differences.length === 0), exchanges };
}

function compareServerBytes(conversation: CapturedConversation, outcome: ReplayOutcome): ConnectionComparison {
  const captured = concatBytes(conversation.messages.filter((m) => m.side === 'server').map((m) => m.bytes));
  const live = concatBytes(outcome.transcript.filter((c) => c.side === 'server').map((c) => c.bytes));
  const matched = equalBytes(captured, live);
  const label = `stream ${conversation.stream} server bytes`;
  return {
    kind: 'bytes',
    matched,
    capturedBytes: captured.length,
    liveBytes: live.length,
    diff: matched ? [] : bytesDiff(captured, live, [`captured ${label}`, `live ${label}`]),
  };
}

/** A diff of text lines, or of hex dumps where the text lines hide the change (line ends alone). */
function bytesDiff(captured: Uint8Array, live: Uint8Array, labels: readonly [string, string]): string[] {
  const asText = unifiedDiff(bytesAsLines(captured), bytesAsLines(live), labels);
  return asText.length > 0 ? asText : unifiedDiff(bytesAsLines(captured, 'hex'), bytesAsLines(live, 'hex'), labels);
}
