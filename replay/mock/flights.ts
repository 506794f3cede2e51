/**
 * A non-HTTP conversation played back as the captured server: flight by flight (flightsOf), the
 * server's messages are written one write each after the client has sent about what it sent in
 * the capture before them: as many bytes in all, or any bytes followed by a quiet spell (a client
 * whose messages differ in length from the captured ones still gets its answers), or its end.
 */
import type { Duplex } from 'node:stream';
import { flightsOf, type CapturedConversation, type Flight } from '../conversation.js';
import type { FlightEvent } from './events.js';

/** Silence after some client bytes that counts as the end of the client's flight. */
const QUIET_MS = 300;

const sizeOf = (flight: Flight): number => flight.messages.reduce((sum, m) => sum + m.bytes.length, 0);

/** Counts the client's bytes and wakes the waiter when a flight is in. */
class ClientBytes {
  received = 0;
  ended = false;
  /** No client bytes for QUIET_MS since the last ones. */
  private quiet = false;
  private timer: NodeJS.Timeout | undefined;
  private wake: (() => void) | undefined;

  constructor(socket: Duplex) {
    socket.on('data', (chunk: Buffer) => {
      this.received += chunk.length;
      this.quiet = false;
      clearTimeout(this.timer);
      this.timer = setTimeout(() => {
        this.quiet = true;
        this.wake?.();
      }, QUIET_MS);
      this.wake?.();
    });
    const ended = (): void => {
      this.ended = true;
      clearTimeout(this.timer);
      this.wake?.();
    };
    socket.on('end', ended);
    socket.on('close', ended);
  }

  /** Resolves once `total` bytes arrived in all, or bytes past `from` and then a quiet spell, or the client ended. */
  until(total: number, from: number): Promise<void> {
    return new Promise((resolve) => {
      const check = (): void => {
        if (!this.ended && this.received < total && !(this.received > from && this.quiet)) return;
        this.wake = undefined;
        resolve();
      };
      this.wake = check;
      check();
    });
  }
}

/** Plays `conversation`'s server side on `socket`; resolves when the socket is done with. */
export async function serveFlights(socket: Duplex, conversation: CapturedConversation, onFlight: (event: FlightEvent) => void): Promise<void> {
  const client = new ClientBytes(socket);
  let expected = 0;
  let serverFlights = 0;
  const flights = flightsOf(conversation.messages);
  for (const flight of flights) {
    if (flight.side === 'client') {
      const from = client.received;
      expected += sizeOf(flight);
      await client.until(expected, from);
      // A client that ended without sending this flight gets nothing more.
      if (client.ended && client.received === from) break;
      continue;
    }
    if (!socket.writable) return;
    for (const message of flight.messages) socket.write(message.bytes);
    const first = flight.messages[0];
    onFlight({ kind: 'flight', time: new Date(), stream: conversation.stream, flight: serverFlights, bytes: sizeOf(flight), frame: first?.frame ?? 0 });
    serverFlights += 1;
  }
  if (socket.writable) socket.end();
}
