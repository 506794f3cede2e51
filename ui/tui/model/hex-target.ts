/**
 * Which bytes the hex pane shows and marks for the selected tree row. Frame-layer nodes carry
 * spans in frame offsets. Under a TLS record, message fields carry spans relative to the message
 * body (dissect/tls/messages), which sits at a known offset in the record's content; in the
 * frame that offset goes through the record's captured spans (RFC 5246 6.2: 5-byte header, then
 * the fragment). A protected record's fields exist only in the plaintext, so in the frame the
 * whole record is marked.
 */
import type { TreeRow, ByteRange } from '../state/selectors.js';
import { frameRanges, type RecordDetail } from './connection-detail.js';

export interface HexTarget {
  readonly bytes: Uint8Array | undefined;
  readonly ranges: readonly ByteRange[];
  readonly title: string;
}

/** The content range (offsets in the record's plaintext) a row under a record stands for, if known. */
function contentRange(record: RecordDetail, row: TreeRow): ByteRange | undefined {
  const child = Number(row.id.split('.')[1] ?? -1);
  const layerNodes = record.tree.children?.length ?? 0;
  if (child < layerNodes) return undefined;
  let at = layerNodes;
  for (const message of record.messages) {
    if (child < at + message.nodes.length) {
      const span = row.node.span;
      const place = message.place;
      if (place === undefined) return undefined;
      return span === undefined ? { start: place.start, end: place.end } : { start: place.body + span.start, end: place.body + span.end };
    }
    at += message.nodes.length;
  }
  return undefined;
}

/**
 * `frameNodes` top-level rows come from the frame's own layers; each row after them is a record
 * of `records`, in order.
 */
export function hexTarget(frame: number, frameBytes: Uint8Array | undefined, frameNodes: number, records: readonly RecordDetail[], row: TreeRow | undefined, plaintext: boolean): HexTarget {
  const record = row === undefined || row.root < frameNodes ? undefined : records[row.root - frameNodes];
  if (plaintext) {
    if (record === undefined) return { bytes: undefined, ranges: [], title: 'Plaintext: select a TLS record (t shows the frame)' };
    const range = row === undefined ? undefined : contentRange(record, row);
    return { bytes: record.content, ranges: range === undefined ? [] : [range], title: `Record content, ${record.protected ? 'decrypted' : 'clear'} (t shows the frame)` };
  }
  const title = `Frame ${frame} (t shows the record's plaintext)`;
  if (row === undefined) return { bytes: frameBytes, ranges: [], title };
  if (record === undefined) return { bytes: frameBytes, ranges: row.node.span === undefined ? [] : [row.node.span], title };
  const range = record.protected ? undefined : contentRange(record, row);
  const ranges = range === undefined ? frameRanges(record.spans, frame, 0, Infinity) : frameRanges(record.spans, frame, record.headerLength + range.start, record.headerLength + range.end);
  return { bytes: frameBytes, ranges, title };
}
