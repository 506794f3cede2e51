/**
 * Reads the parts of `openssl x509 -noout -text` (OpenSSL 3.0) the tests compare: the extension
 * sections by heading, and single "Label: value" lines.
 */

export interface OpensslExtension {
  readonly critical: boolean;
  /** Body lines, trimmed, in order. */
  readonly lines: readonly string[];
}

function indent(line: string): number {
  return line.length - line.trimStart().length;
}

/** Extension sections keyed by the heading OpenSSL prints ("X509v3 Key Usage"). */
export function opensslExtensions(text: string): Map<string, OpensslExtension> {
  const lines = text.split('\n');
  const start = lines.findIndex((line) => line.trim() === 'X509v3 extensions:');
  const sections = new Map<string, OpensslExtension>();
  if (start < 0) return sections;
  const headingIndent = indent(lines[start] ?? '') + 4;
  let current: { critical: boolean; lines: string[] } | undefined;
  for (const line of lines.slice(start + 1)) {
    if (line.trim() === '') continue;
    if (indent(line) < headingIndent) break;
    if (indent(line) === headingIndent) {
      const match = /^(.*?):\s*(critical)?\s*$/.exec(line.trim());
      current = { critical: match?.[2] === 'critical', lines: [] };
      sections.set(match?.[1] ?? line.trim(), current);
    } else {
      current?.lines.push(line.trim());
    }
  }
  return sections;
}

/** The value after the first "label:" line (e.g. "Public-Key" → "(2048 bit)"); throws when absent. */
export function opensslField(text: string, label: string): string {
  for (const line of text.split('\n')) {
    const trimmed = line.trim();
    if (trimmed.startsWith(`${label}:`)) return trimmed.slice(label.length + 1).trim();
  }
  throw new Error(`openssl printed no "${label}:" line`);
}

const HEX_LINE = /^[0-9a-f]{2}(:[0-9a-f]{2})*:?$/i;

/**
 * The colon-hex block under a label (Modulus, pub, Signature Value), as plain lowercase hex.
 * Lines between the label and the hex (RSASSA-PSS parameters) are skipped.
 */
export function opensslHexBlock(text: string, label: string): string {
  const lines = text.split('\n').map((line) => line.trim());
  const at = lines.indexOf(`${label}:`);
  if (at < 0) throw new Error(`openssl printed no "${label}:" block`);
  const start = lines.findIndex((line, index) => index > at && HEX_LINE.test(line));
  const end = lines.findIndex((line, index) => index > start && !HEX_LINE.test(line));
  return lines.slice(start, end < 0 ? undefined : end).join('').replace(/:/g, '').toLowerCase();
}

/** "Nov 27 16:58:04 2026 GMT" (OpenSSL's time form) as ISO 8601. */
export function opensslTime(text: string): string {
  return new Date(text.replace(/\s+/g, ' ').replace(' GMT', ' UTC')).toISOString().replace('.000Z', 'Z');
}

/**
 * Splits an RFC 2253/4514 string at unescaped "," into RDNs and at unescaped "+" into members,
 * sorting members (their order inside an RDN carries no meaning) so two writers can be compared.
 */
export function rdnMembers(dn: string): string[][] {
  const rdns: string[][] = [[]];
  let member = '';
  for (let i = 0; i < dn.length; i++) {
    const char = dn[i] ?? '';
    if (char === '\\') {
      member += char + (dn[i + 1] ?? '');
      i++;
    } else if (char === ',' || char === '+') {
      rdns.at(-1)?.push(member);
      if (char === ',') rdns.push([]);
      member = '';
    } else {
      member += char;
    }
  }
  rdns.at(-1)?.push(member);
  return rdns.map((members) => members.sort());
}
