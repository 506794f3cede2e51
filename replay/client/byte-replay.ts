/**
 * Byte replay of one connection's client side: one write per captured message (a TLS record's
 * plaintext, or a TCP segment's payload), flight by flight. Before sending what the client said
 * after the server spoke, it waits until the server has sent as many bytes in all as the capture
 * shows by then, goes quiet for the settle time, or the flight times out.
 */
import type { Duplex } from 'node:stream';
import { flightsOf, type CapturedMessage } from '../conversation.js';
import type { Pacer } from './pacing.js';
import { ServerReader, type WaitLimits } from './server-reader.js';
import type { TranscriptChunk } from './transcript.js';

export interface ByteReplayResult {
  readonly sentMessages: number;
  readonly sentBytes: number;
  readonly receivedBytes: number;
  readonly transcript: readonly TranscriptChunk[];
  /** Why the replay stopped short, if it did (without the target, which the caller adds). */
  readonly error: string | undefined;
}

function write(socket: Duplex, bytes: Uint8Array): Promise<Error | undefined> {
  return new Promise((resolve) => socket.write(bytes, (error) => resolve(error ?? undefined)));
}

export async function replayBytes(socket: Duplex, messages: readonly CapturedMessage[], pacer: Pacer, limits: WaitLimits): Promise<ByteReplayResult> {
  const transcript: TranscriptChunk[] = [];
  const reader = new ServerReader(socket, transcript);
  const clientTotal = messages.filter((m) => m.side === 'client').length;
  let sentMessages = 0;
  let sentBytes = 0;
  let expected = 0;
  const result = (error: string | undefined): ByteReplayResult => ({ sentMessages, sentBytes, receivedBytes: reader.received, transcript, error });
  const closedEarly = (): string => `the server closed the connection after ${sentMessages} of ${clientTotal} client messages${reader.error === undefined ? '' : ` (${reader.error.message})`}`;
  const flights = flightsOf(messages);
  for (const flight of flights) {
    if (flight.side === 'server') {
      expected += flight.messages.reduce((sum, m) => sum + m.bytes.length, 0);
      const end = await reader.waitFor(expected, limits);
      if (end === 'closed' && reader.received < expected)
        return result(sentMessages < clientTotal ? closedEarly() : `the server closed the connection after sending ${reader.received} of the ${expected} bytes the capture shows`);
      continue;
    }
    for (const message of flight.messages) {
      await pacer.waitUntilDue(message.time);
      if (reader.closed) return result(closedEarly());
      const failed = await write(socket, message.bytes);
      if (failed !== undefined) return result(closedEarly());
      transcript.push({ side: 'client', bytes: message.bytes });
      sentMessages++;
      sentBytes += message.bytes.length;
    }
  }
  // The capture ends with the client talking: give the server a moment to answer all the same.
  if (flights[flights.length - 1]?.side === 'client') await reader.waitFor(Number.POSITIVE_INFINITY, { settleMs: limits.settleMs, timeoutMs: limits.settleMs });
  return result(undefined);
}
