/**
 * The explain story of one session (RFC 5246 8.1 and 6.3, RFC 8446 7.1 and 7.3): the handshake told
 * as a person learns it, with the session's real values, from its report and the decryptor's
 * ExplainTrace. `keyhole explain` prints it; the terminal UI shows the same lines (with a plain
 * style, since it colours them itself). It contains key material on purpose.
 */
import { hex } from '../../dissect/bytes.js';
import type { ExplainTrace, Tls12KeySchedule, Tls13KeySchedule } from '../../dissect/decrypt/explain-trace.js';
import type { SessionReport } from '../../dissect/report.js';
import type { TlsSession } from '../../dissect/tls/session.js';
import { cipherSuiteName, versionName } from '../../dissect/tls/tables/index.js';
import { color } from './format/color.js';

/** How headings and check marks are drawn. */
export interface StoryStyle {
  readonly bold: (text: string) => string;
  readonly pass: (text: string) => string;
  readonly fail: (text: string) => string;
}

export const TERMINAL_STYLE: StoryStyle = { bold: color.bold, pass: color.green, fail: color.red };
export const PLAIN_STYLE: StoryStyle = { bold: (t) => t, pass: (t) => t, fail: (t) => t };

/** A story line that opens a step ("3. Master secret"). */
export const STEP_HEADING = /^\d+\. /;

const PRF_NAMES: Readonly<Record<string, string>> = {
  ssl3: 'the SSL 3.0 key derivation (MD5 over SHA-1, RFC 6101 6.1)',
  tls10: 'the TLS 1.0/1.1 PRF: P_MD5 xor P_SHA1 (RFC 2246 5)',
  tls12: 'the TLS 1.2 PRF: P_<hash> with the suite hash (RFC 5246 5)',
};

function wrapHex(bytes: Uint8Array, indent: string): string[] {
  const text = hex(bytes);
  const lines: string[] = [];
  for (let at = 0; at < text.length; at += 64) lines.push(`${indent}${text.slice(at, at + 64)}`);
  return lines.length === 0 ? [`${indent}(empty)`] : lines;
}

function value(label: string, bytes: Uint8Array, indent = '     '): string[] {
  const shown = wrapHex(bytes, `${indent}  `);
  return bytes.length <= 32 ? [`${indent}${label} (${bytes.length} bytes): ${hex(bytes) || '(empty)'}`] : [`${indent}${label} (${bytes.length} bytes):`, ...shown];
}

export function explainStory(session: TlsSession, report: SessionReport, trace: ExplainTrace, style: StoryStyle = TERMINAL_STYLE): string[] {
  const n = session.negotiation;
  const tls = report.tls;
  if (tls === null) return [];
  const out: string[] = [];
  let step = 0;
  const heading = (text: string): void => {
    step++;
    out.push('', style.bold(`${step}. ${text}`));
  };
  out.push(style.bold(`${report.transport}.stream ${report.stream}: ${report.client} → ${report.server}`));

  const clientHello = n.clientHello;
  const chFrame = tls.handshake.find((s) => s.type === 'client_hello')?.frame;
  heading(`Client Hello${chFrame === undefined ? ' (not captured)' : ` (frame ${chFrame})`}`);
  if (clientHello !== undefined || n.sslv2Hello !== undefined) {
    out.push(`     The client offers ${tls.versionsOffered.join(', ') || 'an unknown version'} and ${clientHello?.cipherSuites?.items.length ?? n.sslv2Hello?.cipherSpecs.length ?? 0} cipher suites:`);
    for (const suite of (clientHello?.cipherSuites?.items ?? []).slice(0, 12)) out.push(`       ${suite.name} (0x${suite.value.toString(16).padStart(4, '0')})`);
    if (n.clientRandom !== undefined) out.push(...value('client random', n.clientRandom));
    if (tls.sni !== undefined) out.push(`     It names the server it wants: ${tls.sni} (SNI).`);
    if (tls.alpnOffered.length > 0) out.push(`     It offers application protocols: ${tls.alpnOffered.join(', ')} (ALPN).`);
  }

  const shFrame = tls.handshake.find((s) => s.type === 'server_hello')?.frame;
  heading(`Server Hello${shFrame === undefined ? ' (not captured)' : ` (frame ${shFrame})`}`);
  const suite = n.suite;
  if (n.version !== undefined && suite !== undefined) {
    out.push(`     The server picks ${versionName(n.version)} and ${cipherSuiteName(suite.id)}:`);
    out.push(`     key exchange ${suite.kex}, authentication ${suite.auth}, ${suite.cipher} ${suite.keyBits}-bit in ${suite.mode} mode, ${suite.mac === 'AEAD' ? 'AEAD integrity' : `HMAC-${suite.mac}`}.`);
    if (n.serverRandom !== undefined) out.push(...value('server random', n.serverRandom));
    if (tls.resumed) out.push(`     It resumes an earlier session (${tls.resumption ?? 'abbreviated handshake'}), so no certificate or key exchange follows.`);
  }
  const leaf = tls.certificates[0];
  if (leaf !== undefined) {
    out.push(`     Its certificate: ${leaf.subject}, ${leaf.subjectPublicKeyInfo.algorithm.name}${leaf.subjectPublicKeyInfo.keySize === undefined ? '' : ` ${leaf.subjectPublicKeyInfo.keySize}-bit`}, issued by ${leaf.issuer}.`);
  }

  if (tls.chainChecks.length > 0) {
    heading('The client checks the certificate');
    for (const c of tls.chainChecks) out.push(`     ${c.pass ? style.pass('✓') : style.fail('✗')} ${c.check} (certificate ${c.certificateIndex}): ${c.reason}`);
  }

  for (const schedule of trace.tls12) tls12Story(schedule, heading, out);
  if (trace.tls13 !== undefined) tls13Story(trace.tls13, heading, out);

  const first = trace.firstApplicationRecord;
  heading('First application record');
  if (first === undefined) {
    out.push(`     Nothing was decrypted: ${tls.decryption.reason ?? 'no application data was captured'}.`);
  } else {
    const who = first.direction === 0 ? 'client → server' : 'server → client';
    out.push(`     Frame ${first.frame}, ${who}, ${first.ciphertextLength} bytes on the wire, opened with the ${first.direction === 0 ? 'client' : 'server'} write key:`);
    const text = Buffer.from(first.plaintext).toString('latin1').replace(/\r/g, '').replace(/[^\x20-\x7e\n]/g, '.');
    for (const line of text.split('\n').slice(0, 8)) out.push(`       ${line}`);
  }
  out.push('', `Verdict: ${tls.decryption.status}${tls.decryption.source === null ? '' : ` (${tls.decryption.source})`}${tls.decryption.reason === null ? '' : ` — ${tls.decryption.reason}`}`);
  return out;
}

function tls12Story(s: Tls12KeySchedule, heading: (text: string) => void, out: string[]): void {
  const d = s.derivation;
  heading('Pre-master secret');
  if (d.kind === 'known') {
    out.push(`     Not needed: the master secret itself is known (${s.masterSource}).`);
  } else {
    if (s.encryptedPreMaster !== undefined) {
      out.push('     The client chose 48 random bytes and encrypted them to the server\'s RSA key (ClientKeyExchange):');
      out.push(...value('encrypted pre-master secret', s.encryptedPreMaster));
    }
    out.push(`     keyhole recovered it from ${d.preMasterSource}:`);
    out.push(...value('pre-master secret', d.preMaster));
    if (d.preMaster.length === 48) out.push(`     Its first two bytes, ${hex(d.preMaster.subarray(0, 2))}, are the version the client offered (${versionName(((d.preMaster[0] ?? 0) << 8) | (d.preMaster[1] ?? 0))}), a check against version rollback.`);
  }
  heading('Master secret');
  const generation = s.version === 0x0300 ? 'ssl3' : s.version < 0x0303 ? 'tls10' : 'tls12';
  if (d.kind === 'derived') {
    const seedName = d.label === 'extended master secret' ? 'session_hash (hash of ClientHello … ClientKeyExchange, RFC 7627)' : 'client_random + server_random';
    out.push(`     master_secret = PRF(pre_master_secret, "${d.label}", ${seedName})[0..47]`);
    out.push(`     PRF: ${PRF_NAMES[generation] ?? generation}${generation === 'tls12' ? `, hash ${s.suite.prfHash}` : ''}`);
    out.push(...value(d.label === 'extended master secret' ? 'session hash' : 'seed', d.seed));
  } else {
    out.push(`     Taken from ${s.masterSource}.`);
  }
  out.push(...value('master secret', s.masterSecret));
  heading('Session keys');
  out.push('     key_block = PRF(master_secret, "key expansion", server_random + client_random), cut in order into:');
  const k = s.keys;
  out.push(...value('client write MAC key', k.client.macKey), ...value('server write MAC key', k.server.macKey));
  out.push(...value('client write key', k.client.key), ...value('server write key', k.server.key));
  out.push(...value('client write IV', k.client.iv), ...value('server write IV', k.server.iv));
  if (s.suite.mac === 'AEAD') out.push('     (AEAD suites need no MAC keys; the IVs are the implicit part of each record\'s nonce.)');
}

function tls13Story(s: Tls13KeySchedule, heading: (text: string) => void, out: string[]): void {
  heading(`TLS 1.3 key schedule (${versionName(s.version)}, hash ${s.suite.prfHash})`);
  out.push('     The shared secret comes from (EC)DHE, which no server key can recover: the traffic secrets');
  out.push(`     come from the key log (${s.source}). Each gives a key and IV (RFC 8446 7.3):`);
  out.push('       key = HKDF-Expand-Label(secret, "key", "", key_length), iv = HKDF-Expand-Label(secret, "iv", "", 12)');
  for (const t of s.traffic) {
    out.push(`     ${t.name}:`);
    out.push(...value('traffic secret', t.secret, '       '), ...value('key', t.key, '       '), ...value('iv', t.iv, '       '));
  }
}
