/**
 * Fields that need the frame's TCP connection: Wireshark's tcp.stream index, the
 * tls protocol (on segments Wireshark hands to its TLS dissector), the
 * tcp.analysis.retransmission flag (set on frames whose segment repeated bytes the reassembly had
 * already seen, i.e. that raised a tcp.retransmission diagnostic), and keyhole's own
 * keyhole.verdict: the connection's decryption status as known when the frame was processed.
 */
import type { TcpConnection } from '../../tcp/connection.js';
import { presence, type FieldTable } from './spec.js';

export interface ConnectionContext {
  readonly connection: TcpConnection;
  readonly retransmission: boolean;
  /** The frame completed a TLS record or its payload starts one (where Wireshark shows the tls protocol). */
  readonly carriesTls: boolean;
  /** The decryption status ("decrypted", "partial", "not-decrypted"), undefined when the connection is not TLS. */
  readonly verdict: () => string | undefined;
}

export const CONNECTION_FIELDS = {
  tls: presence((c) => c.carriesTls),
  'tcp.stream': { type: 'uint', values: (c) => [c.connection.index] },
  'tcp.analysis.retransmission': presence((c) => c.retransmission),
  'keyhole.verdict': {
    type: 'string',
    values: (c) => {
      const verdict = c.verdict();
      return verdict === undefined ? [] : [verdict];
    },
  },
} as const satisfies FieldTable<ConnectionContext>;
