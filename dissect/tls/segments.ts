/**
 * Which TCP segments Wireshark's TLS dissector sees (RFC 5246 6.2.1 records over TCP): TCP hands
 * TLS a segment when it completes a record or starts at a record boundary (TLS then asks TCP to
 * reassemble the rest); the segments in between stay TCP's. Tracked from stream offsets per
 * direction, so it costs two numbers per connection side.
 */
import type { TcpConnection } from '../tcp/connection.js';
import type { Direction } from '../tcp/half-stream.js';
import { TcpTlsSession, type TlsRecordEvent } from './session.js';

interface SideOffsets {
  /** Bytes delivered in order after the last packet. */
  delivered: number;
  /** End of the last completed record. */
  recordEnd: number;
  /** recordEnd as it was after the last packet. */
  settledRecordEnd: number;
}

function speaksTls(connection: TcpConnection, direction: Direction): boolean {
  const session = connection.handler;
  return session instanceof TcpTlsSession && session.sides[direction].mode === 'tls';
}

export class TlsSegments {
  /** Keyed by the connection object (a TLS session's flow is its TCP connection). */
  private readonly sides = new WeakMap<object, readonly [SideOffsets, SideOffsets]>();

  /** A completed TLS record: remembers where it ended in its direction's stream. */
  record(event: TlsRecordEvent): void {
    if (event.session.transport !== 'tcp') return;
    const last = event.record.spans[event.record.spans.length - 1];
    const side = this.sidesOf(event.session.connection)[event.record.direction];
    if (last !== undefined) side.recordEnd = Math.max(side.recordEnd, last.streamOffset + last.length);
  }

  /** Whether the packet just delivered in `direction` started at a record boundary of a TLS stream. */
  startsRecord(connection: TcpConnection, direction: Direction): boolean {
    const side = this.sidesOf(connection)[direction];
    const delivered = connection.halves[direction].streamOffset;
    const starts = delivered > side.delivered && side.settledRecordEnd === side.delivered && speaksTls(connection, direction);
    side.delivered = delivered;
    side.settledRecordEnd = side.recordEnd;
    return starts;
  }

  private sidesOf(connection: object): readonly [SideOffsets, SideOffsets] {
    let sides = this.sides.get(connection);
    if (sides === undefined) {
      sides = [
        { delivered: 0, recordEnd: 0, settledRecordEnd: 0 },
        { delivered: 0, recordEnd: 0, settledRecordEnd: 0 },
      ];
      this.sides.set(connection, sides);
    }
    return sides;
  }
}
