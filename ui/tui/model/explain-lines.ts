/**
 * The selected session's key schedule as the explain view lists it: the values the decryptor
 * derived (RFC 5246 8.1 pre-master -> master secret -> 6.3 key block; RFC 8446 7.1 traffic
 * secrets -> 7.3 keys), from the ExplainTrace of the connection's detail pass. `keyhole explain`
 * tells the same trace as a story; its renderer is not exported, so this view lists the values.
 */
import { hex } from '../../../dissect/bytes.js';
import type { ExplainTrace, Tls12KeySchedule, Tls13KeySchedule } from '../../../dissect/decrypt/explain-trace.js';
import type { TlsReport } from '../../../dissect/report.js';
import { line, type Line } from './lines.js';

function value(label: string, bytes: Uint8Array): Line {
  return line(`    ${label} (${bytes.length} bytes): ${hex(bytes) || '(empty)'}`);
}

function tls12(s: Tls12KeySchedule): Line[] {
  const d = s.derivation;
  const out: Line[] = [line('Pre-master secret', 'heading')];
  if (d.kind === 'derived') {
    if (s.encryptedPreMaster !== undefined) out.push(value('encrypted pre-master secret', s.encryptedPreMaster));
    out.push(line(`    recovered from ${d.preMasterSource}`), value('pre-master secret', d.preMaster));
    out.push(line('Master secret', 'heading'), line(`    PRF(pre_master_secret, "${d.label}", ${d.label === 'master secret' ? 'client_random + server_random' : 'session_hash'}), hash ${s.suite.prfHash}`));
  } else {
    out.push(line(`    not needed: the master secret is known (${s.masterSource})`), line('Master secret', 'heading'));
  }
  out.push(value('master secret', s.masterSecret));
  out.push(line('Session keys: PRF(master_secret, "key expansion", server_random + client_random)', 'heading'));
  const k = s.keys;
  out.push(value('client write key', k.client.key), value('server write key', k.server.key), value('client write IV', k.client.iv), value('server write IV', k.server.iv));
  if (k.client.macKey.length > 0) out.push(value('client write MAC key', k.client.macKey), value('server write MAC key', k.server.macKey));
  return out;
}

function tls13(s: Tls13KeySchedule): Line[] {
  const out: Line[] = [line(`TLS 1.3 key schedule from the key log (${s.source}), hash ${s.suite.prfHash}`, 'heading')];
  for (const t of s.traffic) out.push(line(`  ${t.name}`), value('traffic secret', t.secret), value('key', t.key), value('iv', t.iv));
  return out;
}

export function explainLines(stream: number, tls: TlsReport | null | undefined, trace: ExplainTrace): Line[] {
  if (tls === undefined) return [line('The connection is still being indexed.', 'dim')];
  if (tls === null) return [line(`tcp.stream ${stream} does not carry TLS.`, 'dim')];
  const out: Line[] = [line(`tcp.stream ${stream}: ${tls.version ?? '?'} ${tls.cipherSuite?.name ?? ''}`, 'heading')];
  for (const schedule of trace.tls12) out.push(...tls12(schedule));
  if (trace.tls13 !== undefined) out.push(...tls13(trace.tls13));
  const first = trace.firstApplicationRecord;
  if (first !== undefined) {
    out.push(line(`First application record: frame ${first.frame}, ${first.direction === 0 ? 'client → server' : 'server → client'}, ${first.ciphertextLength} bytes on the wire`, 'heading'));
    const text = Buffer.from(first.plaintext.subarray(0, 400)).toString('latin1').replace(/\r/g, '').replace(/[^\x20-\x7e\n]/g, '.');
    for (const row of text.split('\n').slice(0, 6)) out.push(line(`    ${row}`, first.direction === 0 ? 'client' : 'server'));
  }
  const d = tls.decryption;
  if (trace.tls12.length === 0 && trace.tls13 === undefined) out.push(line(`No key schedule: ${d.reason ?? 'nothing to decrypt with'}`, 'warn'));
  out.push(line(`Verdict: ${d.status}${d.source === null ? '' : ` (${d.source})`}${d.reason === null ? '' : ` — ${d.reason}`}`, d.status === 'decrypted' ? 'good' : 'bad'));
  return out;
}
