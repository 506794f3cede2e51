/**
 * JA3 and JA3S (salesforce/ja3, README): decimal values joined by "-", fields by ",":
 * JA3 = SSLVersion,Ciphers,Extensions,EllipticCurves,EllipticCurvePointFormats of a ClientHello;
 * JA3S = SSLVersion,Cipher,Extensions of a ServerHello. GREASE values are left out of every list.
 * The fingerprint is the MD5 of the string, in lower-case hex.
 */
import { createHash } from 'node:crypto';
import type { ClientHello, ServerHello } from '../messages/types.js';
import { ExtensionType } from '../tables/index.js';
import { extensionList, extensionTypes, listValues } from './hello-values.js';

export interface Ja3 {
  /** The fingerprint's input, e.g. "771,4865-4866,0-23-65281,29-23,0". */
  readonly full: string;
  /** MD5 of `full`, lower-case hex. */
  readonly hash: string;
}

function ja3Of(fields: readonly (readonly number[])[]): Ja3 {
  const full = fields.map((values) => values.join('-')).join(',');
  return { full, hash: createHash('md5').update(full).digest('hex') };
}

export function ja3(hello: ClientHello): Ja3 {
  return ja3Of([
    hello.version === undefined ? [] : [hello.version.value],
    listValues(hello.cipherSuites),
    extensionTypes(hello.extensions),
    extensionList(hello.extensions, ExtensionType.supported_groups),
    extensionList(hello.extensions, ExtensionType.ec_point_formats),
  ]);
}

export function ja3s(hello: ServerHello): Ja3 {
  return ja3Of([
    hello.version === undefined ? [] : [hello.version.value],
    hello.cipherSuite === undefined ? [] : [hello.cipherSuite.value],
    extensionTypes(hello.extensions),
  ]);
}
