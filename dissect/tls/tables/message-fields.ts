/**
 * Small registries for fields of handshake and heartbeat messages: CompressionMethod (RFC 5246
 * 7.4.1.2, RFC 3749, RFC 3943), ClientCertificateType (RFC 5246 7.4.4, RFC 8422 5.5, RFC 9189),
 * HeartbeatMessageType (RFC 6520 3) and KeyUpdateRequest (RFC 8446 4.6.3).
 */
import { type Namer, byWireValue, namer } from './registry.js';

export const compressionMethodName: Namer = namer({
  names: byWireValue({ 0: 'null', 1: 'DEFLATE', 64: 'LZS' }),
  width: 1,
});

export const clientCertificateTypeName: Namer = namer({
  names: byWireValue({
    1: 'rsa_sign',
    2: 'dss_sign',
    3: 'rsa_fixed_dh',
    4: 'dss_fixed_dh',
    5: 'rsa_ephemeral_dh_RESERVED',
    6: 'dss_ephemeral_dh_RESERVED',
    20: 'fortezza_dms_RESERVED',
    64: 'ecdsa_sign',
    65: 'rsa_fixed_ecdh',
    66: 'ecdsa_fixed_ecdh',
    67: 'gost_sign256',
    68: 'gost_sign512',
  }),
  width: 1,
});

export const heartbeatMessageTypeName: Namer = namer({
  names: byWireValue({ 1: 'heartbeat_request', 2: 'heartbeat_response' }),
  width: 1,
});

export const keyUpdateRequestName: Namer = namer({
  names: byWireValue({ 0: 'update_not_requested', 1: 'update_requested' }),
  width: 1,
});
