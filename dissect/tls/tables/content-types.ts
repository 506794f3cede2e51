/** IANA "TLS ContentType" registry (RFC 8446 5.1, RFC 6520, RFC 9146, RFC 9147 7). */
import { type Namer, namer, namesOfConstants } from './registry.js';

export const ContentType = {
  change_cipher_spec: 20,
  alert: 21,
  handshake: 22,
  application_data: 23,
  heartbeat: 24,
  tls12_cid: 25,
  ack: 26,
} as const;

export type ContentTypeValue = (typeof ContentType)[keyof typeof ContentType];

export const contentTypeName: Namer = namer({ names: namesOfConstants(ContentType), width: 1 });
