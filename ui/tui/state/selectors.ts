/**
 * Selectors: the rows a pane shows, sliced from the model by the view state. Only the visible
 * window is ever materialised (a list of a million frames renders its 20 visible rows), and the
 * connection order is recomputed only when the index, sort key or filter changes.
 */
import type { TreeNode } from '../../../dissect/tree.js';
import type { ConnectionEntry, TlsEvent } from '../model/connection-entry.js';
import { EventKind } from '../model/connection-entry.js';
import type { FrameFacts } from '../model/frame-index.js';
import { flowOfKey } from '../model/flow-key.js';
import { contentTypeName, handshakeTypeTitle } from '../../../dissect/tls/tables/index.js';
import type { Cursor, SortKey } from './view-state.js';

/** A list read by position without being copied: a column of frame numbers or a filtered view of one. */
export interface RowSource {
  readonly length: number;
  at(index: number): number;
}

export interface ListWindow {
  readonly top: number;
  readonly selected: number;
  /** One past the last row shown. */
  readonly end: number;
}

/** The rows a list of `length` shows in `height` lines, keeping the cursor in view. */
export function windowOf(cursor: Cursor, length: number, height: number): ListWindow {
  const rows = Math.max(1, height);
  const selected = Math.min(Math.max(0, cursor.selected), Math.max(0, length - 1));
  const top = Math.max(0, Math.min(cursor.top, selected, Math.max(0, length - rows)), selected - rows + 1);
  return { top, selected, end: Math.min(length, top + rows) };
}

export type Verdict = 'decrypted' | 'partial' | 'not-decrypted' | 'open' | 'not-tls';

/** An open connection's verdict is what its decryptor says so far; "open" until it has opened a record. */
export function verdictOf(entry: ConnectionEntry): Verdict {
  const report = entry.report;
  if (report !== undefined) return report.tls?.decryption.status ?? 'not-tls';
  if (!entry.isTls) return 'not-tls';
  return entry.live?.verdict ?? 'open';
}

/** TLS and DTLS sessions seen so far, and how many of them decrypt (closed ones by their report, open ones so far). */
export function decryptedShare(connections: readonly ConnectionEntry[]): { readonly tls: number; readonly decrypted: number } {
  let tls = 0;
  let decrypted = 0;
  for (const c of connections) {
    if (!c.isTls) continue;
    tls++;
    if (verdictOf(c) === 'decrypted') decrypted++;
  }
  return { tls, decrypted };
}

export interface TlsFacts {
  readonly sni: string | undefined;
  readonly version: string | undefined;
  readonly cipher: string | undefined;
}

/** SNI, version and suite: from the report once the connection closed, from the live negotiation before. */
export function tlsFacts(entry: ConnectionEntry): TlsFacts {
  const tls = entry.report?.tls;
  if (tls !== undefined && tls !== null) return { sni: tls.sni, version: tls.version, cipher: tls.cipherSuite?.name };
  return { sni: entry.live?.sni, version: entry.live?.version, cipher: entry.live?.cipher };
}

export function anomaliesOf(entry: ConnectionEntry): number {
  const report = entry.report;
  if (report === undefined) return 0;
  const transport = report.transport === 'tcp' ? report.tcp : report.udp;
  const below = Object.values(transport.anomalies).reduce((n: number, count) => n + (count ?? 0), 0);
  return below + (report.tls?.diagnostics.filter((d) => d.severity !== 'chat').length ?? 0);
}

const VERDICT_ORDER: Readonly<Record<Verdict, number>> = { decrypted: 0, partial: 1, 'not-decrypted': 2, open: 3, 'not-tls': 4 };

const text = (pick: (e: ConnectionEntry) => string | undefined) => (a: ConnectionEntry, b: ConnectionEntry): number => (pick(a) ?? '~').localeCompare(pick(b) ?? '~');
const number = (pick: (e: ConnectionEntry) => number) => (a: ConnectionEntry, b: ConnectionEntry): number => pick(b) - pick(a);

/** TCP connections by tcp.stream, then UDP conversations by udp.stream (as `dissect` lists them). */
function flowOrder(a: ConnectionEntry, b: ConnectionEntry): number {
  if (a.transport !== b.transport) return a.transport === 'tcp' ? -1 : 1;
  return a.index - b.index;
}

/** Each sort key's order; ties fall back to flowOrder. */
const SORTERS: Readonly<Record<SortKey, (a: ConnectionEntry, b: ConnectionEntry) => number>> = {
  stream: () => 0,
  client: text((e) => e.client),
  server: text((e) => e.server),
  sni: text((e) => tlsFacts(e).sni),
  version: text((e) => tlsFacts(e).version),
  cipher: text((e) => tlsFacts(e).cipher),
  verdict: (a, b) => VERDICT_ORDER[verdictOf(a)] - VERDICT_ORDER[verdictOf(b)],
  bytes: number((e) => e.frameBytes),
  anomalies: number(anomaliesOf),
};

/**
 * The connections the list shows, in order: those the filter keeps (all without one), sorted.
 * `listed` is already in flow order (CaptureIndex.listed), which the stream sort keeps.
 */
export function connectionRows(listed: readonly ConnectionEntry[], sort: SortKey, keep?: (key: number) => boolean): ConnectionEntry[] {
  const rows = keep === undefined ? [...listed] : listed.filter((c) => keep(c.key));
  const order = SORTERS[sort];
  return sort === 'stream' ? rows : rows.sort((a, b) => order(a, b) || flowOrder(a, b));
}

/** The connection's frames, or only those the filter matched. */
export function packetRows(entry: ConnectionEntry, keep?: (frame: number) => boolean): RowSource {
  if (keep === undefined) return entry.frames;
  const kept: number[] = [];
  for (let i = 0; i < entry.frames.length; i++) {
    const frame = entry.frames.at(i);
    if (keep(frame)) kept.push(frame);
  }
  return { length: kept.length, at: (i) => kept[i] ?? 0 };
}

const CONTENT_TITLES: Readonly<Record<number, string>> = { 20: 'Change Cipher Spec', 21: 'Alert', 22: 'Handshake', 23: 'Application Data', 24: 'Heartbeat' };

/** A record or message as the packet list names it; `*` marks what was decrypted. */
export function eventName(event: TlsEvent): string {
  const name = event.kind === EventKind.message ? handshakeTypeTitle(event.type) : CONTENT_TITLES[event.type] ?? contentTypeName(event.type);
  const hidden = event.kind === EventKind.record && event.protected && !event.decrypted;
  return `${hidden ? `Encrypted ${name === 'Application Data' ? name : 'Record'}` : name}${event.decrypted ? '*' : ''}`;
}

const TCP_FLAGS: ReadonlyArray<readonly [number, string]> = [[0x02, 'SYN'], [0x10, 'ACK'], [0x08, 'PSH'], [0x01, 'FIN'], [0x04, 'RST']];

/**
 * The info column of a packet row: the handshake messages completed in the frame, else its
 * records, else its TCP flags (or UDP) and payload length.
 */
export function frameInfo(events: readonly TlsEvent[], facts: FrameFacts): string {
  const messages = events.filter((e) => e.kind === EventKind.message);
  const shown = messages.length > 0 ? messages.concat(events.filter((e) => e.kind === EventKind.record && e.type !== 22)) : events;
  if (shown.length > 0) return shown.map(eventName).join(', ');
  if (facts.flow >= 0 && flowOfKey(facts.flow).transport === 'udp') return `UDP ${facts.payloadLength} bytes`;
  const flags = TCP_FLAGS.filter(([bit]) => (facts.tcpFlags & bit) !== 0).map(([, name]) => name);
  return `[${flags.join(', ')}]${facts.payloadLength > 0 ? ` ${facts.payloadLength} bytes` : ''}`;
}

export interface TreeRow {
  readonly id: string;
  readonly depth: number;
  readonly node: TreeNode;
  readonly open: boolean;
  readonly hasChildren: boolean;
  /** The top-level node this row sits under (for the hex view's record). */
  readonly root: number;
}

/** Nodes open by default: the top two levels, so a record shows its messages. */
const DEFAULT_OPEN_DEPTH = 2;

/**
 * The tree's rows as shown: depth first, children only under open nodes. The first
 * `closedRoots` top-level nodes (a frame's lower layers) start closed, as Wireshark shows them.
 */
export function treeRows(nodes: readonly TreeNode[], overrides: ReadonlyMap<string, boolean>, closedRoots = 0): TreeRow[] {
  const isOpen = (id: string, depth: number, root: number): boolean => overrides.get(id) ?? (root >= closedRoots && depth < DEFAULT_OPEN_DEPTH);
  const rows: TreeRow[] = [];
  const walk = (list: readonly TreeNode[], depth: number, prefix: string, root: number): void => {
    list.forEach((node, i) => {
      const id = `${prefix}${i}`;
      const hasChildren = (node.children?.length ?? 0) > 0;
      const top = depth === 0 ? i : root;
      const open = hasChildren && isOpen(id, depth, top);
      rows.push({ id, depth, node, open, hasChildren, root: top });
      if (open) walk(node.children ?? [], depth + 1, `${id}.`, top);
    });
  };
  walk(nodes, 0, '', 0);
  return rows;
}

export interface HexRow {
  readonly offset: number;
  readonly bytes: Uint8Array;
  /** Per byte of the row, whether it is in a highlighted range. */
  readonly marked: readonly boolean[];
}

export interface ByteRange {
  readonly start: number;
  readonly end: number;
}

export const HEX_WIDTH = 16;

/** Rows `from` to `to` of a hex dump, with the bytes inside `ranges` marked. */
export function hexRows(bytes: Uint8Array, ranges: readonly ByteRange[], from: number, to: number): HexRow[] {
  const rows: HexRow[] = [];
  for (let row = from; row < to && row * HEX_WIDTH < bytes.length; row++) {
    const offset = row * HEX_WIDTH;
    const slice = bytes.subarray(offset, offset + HEX_WIDTH);
    const marked = Array.from(slice, (_, i) => ranges.some((r) => offset + i >= r.start && offset + i < r.end));
    rows.push({ offset, bytes: slice, marked });
  }
  return rows;
}

export function hexRowCount(length: number): number {
  return Math.ceil(length / HEX_WIDTH);
}
