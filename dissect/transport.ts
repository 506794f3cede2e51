/**
 * The transports a TLS-family session runs over, and the protocol each carries: TLS over TCP,
 * DTLS over UDP. A module of its own so that UI code can name them without loading the parsers.
 */
export type Transport = 'tcp' | 'udp';

export const SESSION_PROTOCOL = { tcp: 'TLS', udp: 'DTLS' } as const satisfies Record<Transport, string>;
