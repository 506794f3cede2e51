/**
 * PEM armour (RFC 7468 2), plus the legacy OpenSSL "Proc-Type: 4,ENCRYPTED" / "DEK-Info" headers
 * (RFC 1421 4.6.1) that mark a traditionally encrypted key. A file may hold several blocks
 * (a certificate chain beside the key), so every block is returned in file order.
 */

export interface PemBlock {
  /** The label between "BEGIN " and the dashes, e.g. "RSA PRIVATE KEY". */
  readonly label: string;
  /** The whole block, armour included, as node:crypto wants it. */
  readonly text: string;
  /** Needs a password: PKCS#8 "ENCRYPTED PRIVATE KEY" or a legacy Proc-Type header. */
  readonly encrypted: boolean;
}

const BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----[\s\S]*?-----END \1-----/g;
const LEGACY_ENCRYPTED = /^Proc-Type:[ \t]*4,[ \t]*ENCRYPTED/m;

export function pemBlocks(text: string): PemBlock[] {
  const blocks: PemBlock[] = [];
  for (const match of text.matchAll(BLOCK)) {
    const label = match[1] ?? '';
    const block = match[0];
    blocks.push({ label, text: block, encrypted: label.startsWith('ENCRYPTED ') || LEGACY_ENCRYPTED.test(block) });
  }
  return blocks;
}

/** The bytes a block armours: its base64 body, without headers (RFC 7468 2; base64 has no ':'). */
export function pemContent(block: PemBlock): Uint8Array {
  const inner = block.text.replace(/^-----BEGIN [^-]*-----/, '').replace(/-----END [^-]*-----$/, '');
  const body = inner.split(/\r?\n/).filter((line) => !line.includes(':'));
  return new Uint8Array(Buffer.from(body.join(''), 'base64'));
}

export function looksLikePem(text: string): boolean {
  return text.includes('-----BEGIN ');
}

/** Labels that carry a private key (PKCS#1, PKCS#8, encrypted PKCS#8, SEC1, DSA). */
export function isPrivateKeyLabel(label: string): boolean {
  return label.endsWith('PRIVATE KEY');
}
