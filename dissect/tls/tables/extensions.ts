/**
 * IANA "TLS ExtensionType Values" registry (RFC 8446 4.2 and the RFCs each row names), plus
 * extensions that never reached the registry but fill old captures: NPN, Channel ID, ALPS, ESNI and
 * the pre-RFC QUIC and key_share code points.
 */
import { type Namer, greasedRegistry, namer, namesOfConstants } from './registry.js';

export const ExtensionType = {
  server_name: 0,
  max_fragment_length: 1,
  client_certificate_url: 2,
  trusted_ca_keys: 3,
  truncated_hmac: 4,
  status_request: 5,
  user_mapping: 6,
  client_authz: 7,
  server_authz: 8,
  cert_type: 9,
  supported_groups: 10,
  ec_point_formats: 11,
  srp: 12,
  signature_algorithms: 13,
  use_srtp: 14,
  heartbeat: 15,
  application_layer_protocol_negotiation: 16,
  status_request_v2: 17,
  signed_certificate_timestamp: 18,
  client_certificate_type: 19,
  server_certificate_type: 20,
  padding: 21,
  encrypt_then_mac: 22,
  extended_master_secret: 23,
  token_binding: 24,
  cached_info: 25,
  tls_lts: 26,
  compress_certificate: 27,
  record_size_limit: 28,
  pwd_protect: 29,
  pwd_clear: 30,
  password_salt: 31,
  ticket_pinning: 32,
  tls_cert_with_extern_psk: 33,
  delegated_credential: 34,
  session_ticket: 35,
  TLMSP: 36,
  TLMSP_proxying: 37,
  TLMSP_delegate: 38,
  supported_ekt_ciphers: 39,
  /** key_share before TLS 1.3 draft 23 moved it to 51; IANA now lists 40 as reserved. */
  key_share_old: 40,
  pre_shared_key: 41,
  early_data: 42,
  supported_versions: 43,
  cookie: 44,
  psk_key_exchange_modes: 45,
  /** ticket_early_data_info of TLS 1.3 drafts; reserved since. */
  ticket_early_data_info: 46,
  certificate_authorities: 47,
  oid_filters: 48,
  post_handshake_auth: 49,
  signature_algorithms_cert: 50,
  key_share: 51,
  transparency_info: 52,
  connection_id_deprecated: 53,
  connection_id: 54,
  external_id_hash: 55,
  external_session_id: 56,
  quic_transport_parameters: 57,
  ticket_request: 58,
  dnssec_chain: 59,
  sequence_number_encryption_algorithms: 60,
  rrc: 61,
  tls_flags: 62,
  next_protocol_negotiation: 13172,
  /** ALPS as first deployed by Chrome; 17613 is the code point of the current draft. */
  application_settings_old: 17513,
  application_settings: 17613,
  channel_id_old: 30031,
  channel_id: 30032,
  ech_outer_extensions: 64768,
  encrypted_client_hello: 65037,
  /** QUIC transport parameters before RFC 9001 assigned 57. */
  quic_transport_parameters_draft: 65445,
  /** Encrypted SNI (draft-ietf-tls-esni before ECH). */
  encrypted_server_name: 65486,
  renegotiation_info: 65281,
} as const;

export type ExtensionTypeValue = (typeof ExtensionType)[keyof typeof ExtensionType];

export const extensionName: Namer = namer(greasedRegistry(namesOfConstants(ExtensionType)));
