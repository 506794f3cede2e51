/** The human form of a connection report: a table row and a per-session block. */
import type { ConnectionReport } from '../../../dissect/report.js';
import type { Diagnostic } from '../../../dissect/diagnostics.js';
import { color } from './color.js';
import { formatBytes } from './table.js';

export const SESSION_TABLE_HEAD = ['stream', 'client', 'server', 'TLS', 'cipher suite', 'SNI', 'ALPN', 'resumed', 'records c/s', 'bytes c/s', 'decryption'] as const;

export function sessionRow(r: ConnectionReport): Array<string | number> {
  const tls = r.tls;
  const bytes = `${formatBytes(r.tcp.clientToServer.deliveredBytes)}/${formatBytes(r.tcp.serverToClient.deliveredBytes)}`;
  if (tls === null) return [r.stream, r.client, r.server, '-', '', '', '', '', '', bytes, ''];
  return [
    r.stream,
    r.client,
    r.server,
    tls.version ?? '?',
    tls.cipherSuite?.name ?? '',
    tls.sni ?? '',
    tls.alpn ?? '',
    tls.resumed ? (tls.resumption ?? 'yes') : 'no',
    `${tls.records.client}/${tls.records.server}`,
    bytes,
    verdictMark(tls.decryption.status),
  ];
}

export function verdictMark(status: string): string {
  if (status === 'decrypted') return color.green('✓ decrypted');
  if (status === 'partial') return color.yellow('◐ partial');
  return color.red('✗ not decrypted');
}

const yesNo = (b: boolean): string => (b ? 'yes' : 'no');

/** Routine diagnostics that say nothing a user must act on; counted, not listed. */
const ROUTINE: ReadonlySet<string> = new Set(['chat']);

export function sessionBlock(r: ConnectionReport): string[] {
  const tls = r.tls;
  const lines: string[] = [];
  const head = `${color.bold(`stream ${r.stream}`)}  ${r.client} → ${r.server}`;
  if (tls === null) {
    lines.push(`${head}  ${color.dim('(not TLS)')}`);
    return lines;
  }
  lines.push(`${head}  ${tls.version ?? '?'}  ${tls.cipherSuite?.name ?? ''}`);
  const facts = [
    tls.sni === undefined ? undefined : `SNI ${tls.sni}`,
    tls.alpn === undefined ? undefined : `ALPN ${tls.alpn}`,
    `EMS ${yesNo(tls.extendedMasterSecret)}`,
    `ETM ${yesNo(tls.encryptThenMac)}`,
    `resumed ${tls.resumed ? tls.resumption ?? 'yes' : 'no'}`,
    tls.renegotiations > 0 ? `${tls.renegotiations} renegotiation${tls.renegotiations > 1 ? 's' : ''}` : undefined,
    tls.starttls === undefined ? undefined : `STARTTLS (${tls.starttls.protocol ?? 'plaintext'}) at frame ${tls.starttls.frame}`,
  ].filter((x): x is string => x !== undefined);
  lines.push(`   ${facts.join(' · ')}`);
  if (tls.ja3 !== undefined || tls.ja4 !== undefined) lines.push(`   ${color.dim('fingerprints')}  JA3 ${tls.ja3 ?? '-'}  JA3S ${tls.ja3s ?? '-'}  JA4 ${tls.ja4 ?? '-'}`);
  lines.push(`   ${color.dim('handshake')}     ${tls.handshake.map((s) => `${s.from === 'client' ? '→' : '←'} ${s.type}${s.encrypted ? '*' : ''}`).join('  ')}`);
  tls.certificates.forEach((c, i) => {
    const key = c.subjectPublicKeyInfo;
    const keyText = `${key.algorithm.name}${key.keySize === undefined ? '' : ` ${key.keySize}`}${key.curve === undefined ? '' : ` ${key.curve}`}`;
    lines.push(`   ${color.dim(`certificate ${i}`)} ${c.subject}  ${keyText}  ${c.validity.notBefore.slice(0, 10)} → ${c.validity.notAfter.slice(0, 10)}  SHA-256 ${c.fingerprints.sha256.slice(0, 16)}…`);
  });
  if (tls.chainChecks.length > 0) {
    const checks = tls.chainChecks.map((c) => (c.pass ? color.green(`✓ ${c.check}`) : color.red(`✗ ${c.check}: ${c.reason}`)));
    lines.push(`   ${color.dim('chain')}         ${checks.join('  ')}`);
  }
  const d = tls.decryption;
  const source = d.source === null ? '' : ` via ${d.source}${d.detail === null ? '' : ` (${d.detail})`}`;
  lines.push(`   ${color.dim('decryption')}    ${verdictMark(d.status)}${source}${d.reason === null ? '' : `: ${d.reason}`}`);
  for (const a of tls.alerts) lines.push(`   ${color.dim('alert')}         ${a.from} ${a.level} ${a.description} (frame ${a.frame})`);
  const shownAbove = (d: Diagnostic): boolean => d.code.startsWith('tls.alert') || d.code.startsWith('x509.') || d.code === 'tls.starttls';
  for (const line of diagnosticLines([...tls.diagnostics, ...r.tcp.diagnostics].filter((d) => !shownAbove(d)))) lines.push(`   ${line}`);
  return lines;
}

/** Warnings and errors one per line (first of each code with its count); notes summed up. */
export function diagnosticLines(diagnostics: readonly Diagnostic[]): string[] {
  const byCode = new Map<string, { first: Diagnostic; count: number }>();
  for (const d of diagnostics) {
    if (ROUTINE.has(d.severity)) continue;
    const entry = byCode.get(d.code);
    if (entry === undefined) byCode.set(d.code, { first: d, count: 1 });
    else entry.count++;
  }
  const out: string[] = [];
  for (const { first, count } of byCode.values()) {
    const paint = first.severity === 'error' ? color.red : first.severity === 'warning' ? color.yellow : color.dim;
    const where = first.frame === undefined ? '' : ` (frame ${first.frame})`;
    out.push(paint(`${first.severity} ${first.code}: ${first.message}${where}${count > 1 ? ` [+${count - 1} more]` : ''}`));
  }
  return out;
}
