/**
 * TLS that starts after a plaintext upgrade: SMTP/LMTP STARTTLS (RFC 3207), IMAP STARTTLS
 * (RFC 9051 6.2.1), POP3 STLS (RFC 2595 4), FTP AUTH TLS (RFC 4217 4), LDAP StartTLS extended
 * operation (RFC 4511 4.14), XMPP <starttls/> (RFC 6120 5.4), PostgreSQL SSLRequest (protocol
 * 53.2.10) and MySQL's SSL request (CLIENT_SSL capability). The switch point itself is found by
 * looking for the hello record in the bytes (detect.ts); this table only names the protocol that
 * upgraded, from the plaintext both sides exchanged before it.
 */

export interface UpgradeProtocol {
  readonly name: string;
  /** How the client asked for the upgrade (matched against the client's plaintext, as Latin-1). */
  readonly clientAsks: RegExp;
  /** How the server agreed (matched against the server's plaintext), when it says anything. */
  readonly serverAgrees?: RegExp;
}

export const UPGRADE_PROTOCOLS: readonly UpgradeProtocol[] = [
  { name: 'SMTP', clientAsks: /^STARTTLS\r?\n/im, serverAgrees: /^220[ -]/m },
  { name: 'IMAP', clientAsks: /^\S+ STARTTLS\r?\n/im, serverAgrees: /^\S+ OK/im },
  { name: 'POP3', clientAsks: /^STLS\r?\n/im, serverAgrees: /^\+OK/m },
  { name: 'FTP', clientAsks: /^AUTH (TLS|SSL|TLS-C|TLS-P)\r?\n/im, serverAgrees: /^234[ -]/m },
  { name: 'XMPP', clientAsks: /<starttls[^>]*urn:ietf:params:xml:ns:xmpp-tls/, serverAgrees: /<proceed[^>]*urn:ietf:params:xml:ns:xmpp-tls/ },
  // The StartTLS extended request carries its OID as an LDAPOID string (RFC 4511 4.14.1).
  { name: 'LDAP', clientAsks: /1\.3\.6\.1\.4\.1\.1466\.20037/ },
  // SSLRequest: length 8, then the code 80877103 (0x04d2162f); the server answers 'S'.
  { name: 'PostgreSQL', clientAsks: /^\x00\x00\x00\x08\x04\xd2\x16\x2f/, serverAgrees: /^S/ },
  // Server greeting: a packet with sequence 0 and protocol version 10; the client's SSL request is a 32-byte packet.
  { name: 'MySQL', clientAsks: /^\x20\x00\x00\x01/, serverAgrees: /^[\s\S]{3}\x00\x0a/ },
];

/** Names the protocol that upgraded to TLS, or undefined when the plaintext matches none. */
export function upgradeProtocol(clientText: string, serverText: string): string | undefined {
  for (const p of UPGRADE_PROTOCOLS) {
    if (!p.clientAsks.test(clientText)) continue;
    if (p.serverAgrees !== undefined && serverText.length > 0 && !p.serverAgrees.test(serverText)) continue;
    return p.name;
  }
  return undefined;
}

/** Keeps the first bytes of a plaintext phase for display and protocol naming, bounded. */
export class PlaintextLog {
  private readonly parts: Uint8Array[] = [];
  private kept = 0;
  total = 0;

  constructor(private readonly limit = 4096) {}

  add(bytes: Uint8Array): void {
    this.total += bytes.length;
    const room = this.limit - this.kept;
    if (room <= 0 || bytes.length === 0) return;
    const piece = bytes.slice(0, Math.min(room, bytes.length));
    this.parts.push(piece);
    this.kept += piece.length;
  }

  get text(): string {
    let out = '';
    for (const p of this.parts) for (const b of p) out += String.fromCharCode(b);
    return out;
  }

  get bytes(): Uint8Array {
    const out = new Uint8Array(this.kept);
    let at = 0;
    for (const p of this.parts) {
      out.set(p, at);
      at += p.length;
    }
    return out;
  }
}
