/**
 * encrypted_client_hello (draft-ietf-tls-esni-18 5): in ClientHello, the outer form (HPKE cipher
 * suite, config id, encapsulated key, payload) or the inner one-byte marker; in
 * EncryptedExtensions, retry configs (ECHConfigList); in HelloRetryRequest, an 8-byte confirmation.
 */
import type { Cursor } from '../messages/cursor.js';
import { namedValueNode, numberNode, opaqueNodes } from '../messages/tree-nodes.js';
import { type ExtensionSpec, byContext, opaqueOf, rawOf } from './spec.js';
import type { EchBody } from './types.js';

const ECH_CLIENT_HELLO_TYPES: Readonly<Record<number, string>> = { 0: 'outer', 1: 'inner' };
const OUTER = 0;

function readEch(c: Cursor): EchBody {
  const echType = c.named(1, 'ECH type', (value) => ECH_CLIENT_HELLO_TYPES[value] ?? String(value));
  const outer = echType?.value === OUTER;
  const kdf = outer ? c.named(2, 'HPKE KDF id') : undefined;
  const aead = outer ? c.named(2, 'HPKE AEAD id') : undefined;
  const configId = outer ? c.u8('ECH config id') : undefined;
  const enc = outer ? c.opaque(2, 'ECH enc') : undefined;
  const payload = outer ? c.opaque(2, 'ECH payload') : undefined;
  return { kind: 'ech', echType, kdf, aead, configId, enc, payload };
}

const CLIENT_ECH: ExtensionSpec = {
  decode: readEch,
  tree: (body) => (body.kind !== 'ech' ? [] : [
    ...namedValueNode('Client Hello type', body.echType, 1, false),
    ...namedValueNode('KDF Id', body.kdf, 2, false),
    ...namedValueNode('AEAD Id', body.aead, 2, false),
    ...numberNode('Config Id', body.configId),
    ...opaqueNodes('Enc', body.enc),
    ...opaqueNodes('Payload', body.payload),
  ]),
};

export const ENCRYPTED_CLIENT_HELLO = byContext(
  { client_hello: CLIENT_ECH, encrypted_extensions: opaqueOf(2, 'Retry Configs') },
  rawOf('Confirmation'),
);
