/**
 * IANA "TLS HandshakeType" registry (RFC 8446 4, RFC 5246 7.4, RFC 6347 4.2.2, RFC 9147 4,
 * RFC 8879, RFC 8870, RFC 9261), plus NextProtocol (draft-agl-tls-nextprotoneg) that old captures use.
 */
import { type Namer, byWireValue, namer, namesOfConstants } from './registry.js';

export const HandshakeType = {
  hello_request: 0,
  client_hello: 1,
  server_hello: 2,
  hello_verify_request: 3,
  new_session_ticket: 4,
  end_of_early_data: 5,
  /** A pseudo-type: on the wire a HelloRetryRequest is a ServerHello with a fixed random. */
  hello_retry_request: 6,
  encrypted_extensions: 8,
  request_connection_id: 9,
  new_connection_id: 10,
  certificate: 11,
  server_key_exchange: 12,
  certificate_request: 13,
  server_hello_done: 14,
  certificate_verify: 15,
  client_key_exchange: 16,
  client_certificate_request: 17,
  finished: 20,
  certificate_url: 21,
  certificate_status: 22,
  supplemental_data: 23,
  key_update: 24,
  compressed_certificate: 25,
  ekt_key: 26,
  next_protocol: 67,
  message_hash: 254,
} as const;

export type HandshakeTypeValue = (typeof HandshakeType)[keyof typeof HandshakeType];

/** The message names the RFCs use in prose and figures. */
const TITLES = {
  [HandshakeType.hello_request]: 'HelloRequest',
  [HandshakeType.client_hello]: 'ClientHello',
  [HandshakeType.server_hello]: 'ServerHello',
  [HandshakeType.hello_verify_request]: 'HelloVerifyRequest',
  [HandshakeType.new_session_ticket]: 'NewSessionTicket',
  [HandshakeType.end_of_early_data]: 'EndOfEarlyData',
  [HandshakeType.hello_retry_request]: 'HelloRetryRequest',
  [HandshakeType.encrypted_extensions]: 'EncryptedExtensions',
  [HandshakeType.request_connection_id]: 'RequestConnectionId',
  [HandshakeType.new_connection_id]: 'NewConnectionId',
  [HandshakeType.certificate]: 'Certificate',
  [HandshakeType.server_key_exchange]: 'ServerKeyExchange',
  [HandshakeType.certificate_request]: 'CertificateRequest',
  [HandshakeType.server_hello_done]: 'ServerHelloDone',
  [HandshakeType.certificate_verify]: 'CertificateVerify',
  [HandshakeType.client_key_exchange]: 'ClientKeyExchange',
  [HandshakeType.client_certificate_request]: 'ClientCertificateRequest',
  [HandshakeType.finished]: 'Finished',
  [HandshakeType.certificate_url]: 'CertificateURL',
  [HandshakeType.certificate_status]: 'CertificateStatus',
  [HandshakeType.supplemental_data]: 'SupplementalData',
  [HandshakeType.key_update]: 'KeyUpdate',
  [HandshakeType.compressed_certificate]: 'CompressedCertificate',
  [HandshakeType.ekt_key]: 'EKTKey',
  [HandshakeType.next_protocol]: 'NextProtocol',
  [HandshakeType.message_hash]: 'MessageHash',
} as const satisfies Record<HandshakeTypeValue, string>;

/** IANA name, e.g. "client_hello". */
export const handshakeTypeName: Namer = namer({ names: namesOfConstants(HandshakeType), width: 1 });

/** Display form, e.g. "ClientHello". */
export const handshakeTypeTitle: Namer = namer({ names: byWireValue(TITLES), width: 1 });
