/**
 * Tells DER key containers apart by their first two ASN.1 elements (X.690 8.1), so a binary key
 * file needs no format flag:
 *   PKCS#1 RSAPrivateKey (RFC 8017 A.1.2)        SEQUENCE { INTEGER 0, INTEGER n, ... }
 *   PKCS#8 PrivateKeyInfo (RFC 5208 5, 5958 2)   SEQUENCE { INTEGER 0|1, SEQUENCE algorithm, ... }
 *   SEC1 ECPrivateKey (RFC 5915 3)               SEQUENCE { INTEGER 1, OCTET STRING key, ... }
 *   PKCS#12 PFX (RFC 7292 4)                     SEQUENCE { INTEGER 3, SEQUENCE authSafe, ... }
 *   EncryptedPrivateKeyInfo (RFC 5208 6)         SEQUENCE { SEQUENCE { OID, ... }, OCTET STRING }
 *   X.509 Certificate (RFC 5280 4.1)             SEQUENCE { SEQUENCE { [0] version | INTEGER, ... } }
 * Only headers are read, and BER indefinite lengths are allowed (some PKCS#12 exporters use
 * them), which is why this does not use the strict whole-TLV reader of tls/x509/der.ts.
 */

export type DerContainer = 'pkcs1' | 'pkcs8' | 'sec1' | 'pkcs12' | 'encrypted-pkcs8' | 'certificate';

const TAG = { integer: 0x02, octetString: 0x04, oid: 0x06, sequence: 0x30, explicit0: 0xa0 } as const;

/** Containers that start SEQUENCE { INTEGER version, <next> }, keyed by "version/next tag". */
const VERSIONED_SHAPES: Readonly<Record<string, DerContainer>> = {
  [`0/${TAG.integer}`]: 'pkcs1',
  [`0/${TAG.sequence}`]: 'pkcs8',
  [`1/${TAG.sequence}`]: 'pkcs8',
  [`1/${TAG.octetString}`]: 'sec1',
  [`3/${TAG.sequence}`]: 'pkcs12',
};

/** Containers that start SEQUENCE { SEQUENCE { <inner> ... } }, keyed by the inner first tag. */
const NESTED_SHAPES: Readonly<Record<number, DerContainer>> = {
  [TAG.oid]: 'encrypted-pkcs8',
  [TAG.explicit0]: 'certificate',
  [TAG.integer]: 'certificate',
};

interface Element {
  readonly tag: number;
  readonly contentStart: number;
  /** Undefined for a BER indefinite length (PKCS#12 files made by some tools use it). */
  readonly contentLength: number | undefined;
}

function readElement(der: Uint8Array, at: number): Element | undefined {
  const tag = der[at];
  const first = der[at + 1];
  if (tag === undefined || first === undefined) return undefined;
  if (first < 0x80) return { tag, contentStart: at + 2, contentLength: first };
  if (first === 0x80) return { tag, contentStart: at + 2, contentLength: undefined };
  const octets = first & 0x7f;
  if (octets > 4 || at + 2 + octets > der.length) return undefined;
  let length = 0;
  for (let i = 0; i < octets; i++) length = length * 256 + (der[at + 2 + i] ?? 0);
  return { tag, contentStart: at + 2 + octets, contentLength: length };
}

function smallInteger(der: Uint8Array, element: Element): number | undefined {
  if (element.contentLength !== 1) return undefined;
  return der[element.contentStart];
}

export function sniffDer(der: Uint8Array): DerContainer | undefined {
  const outer = readElement(der, 0);
  if (outer?.tag !== TAG.sequence) return undefined;
  const first = readElement(der, outer.contentStart);
  if (first === undefined || first.contentLength === undefined) return undefined;
  if (first.tag === TAG.sequence) {
    const inner = readElement(der, first.contentStart);
    return inner === undefined ? undefined : NESTED_SHAPES[inner.tag];
  }
  if (first.tag !== TAG.integer) return undefined;
  const version = smallInteger(der, first);
  const next = readElement(der, first.contentStart + first.contentLength);
  if (version === undefined || next === undefined) return undefined;
  return VERSIONED_SHAPES[`${version}/${next.tag}`];
}

/** The outer element claims more bytes than there are: the file was cut short. */
export function derCutShort(der: Uint8Array): boolean {
  const outer = readElement(der, 0);
  return outer?.contentLength !== undefined && outer.contentStart + outer.contentLength > der.length;
}
