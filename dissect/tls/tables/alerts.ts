/**
 * IANA "TLS Alerts" registry (RFC 8446 6 and B.2, RFC 5246 7.2; the _RESERVED names are alerts only
 * older versions send), with too_many_cids_requested (RFC 9147 5.5), general_error (RFC 9846) and
 * ech_required (draft-ietf-tls-esni).
 */
import { type Namer, namer, namesOfConstants } from './registry.js';

export const AlertLevel = {
  warning: 1,
  fatal: 2,
} as const;

export const AlertDescription = {
  close_notify: 0,
  unexpected_message: 10,
  bad_record_mac: 20,
  decryption_failed_RESERVED: 21,
  record_overflow: 22,
  decompression_failure_RESERVED: 30,
  handshake_failure: 40,
  no_certificate_RESERVED: 41,
  bad_certificate: 42,
  unsupported_certificate: 43,
  certificate_revoked: 44,
  certificate_expired: 45,
  certificate_unknown: 46,
  illegal_parameter: 47,
  unknown_ca: 48,
  access_denied: 49,
  decode_error: 50,
  decrypt_error: 51,
  too_many_cids_requested: 52,
  export_restriction_RESERVED: 60,
  protocol_version: 70,
  insufficient_security: 71,
  internal_error: 80,
  inappropriate_fallback: 86,
  user_canceled: 90,
  no_renegotiation_RESERVED: 100,
  missing_extension: 109,
  unsupported_extension: 110,
  certificate_unobtainable_RESERVED: 111,
  unrecognized_name: 112,
  bad_certificate_status_response: 113,
  bad_certificate_hash_value_RESERVED: 114,
  unknown_psk_identity: 115,
  certificate_required: 116,
  general_error: 117,
  no_application_protocol: 120,
  ech_required: 121,
} as const;

export type AlertDescriptionValue = (typeof AlertDescription)[keyof typeof AlertDescription];

export const alertLevelName: Namer = namer({ names: namesOfConstants(AlertLevel), width: 1 });

export const alertDescriptionName: Namer = namer({ names: namesOfConstants(AlertDescription), width: 1 });
