/**
 * Writes test/golden/tls-handshakes.json from tshark 4.0: per TCP stream of every shared TLS
 * capture, the handshake message types tshark decodes without keys (in frame order), the
 * ServerHello's cipher suite and version (supported_versions when present) and the SNI.
 * Non-standard TLS ports get `-d tcp.port==P,tls`, as the MANIFEST's commands do.
 * Run by hand: npx tsx test/golden/update-tls-handshakes.ts; review the diff.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { repoPath, sharedCaptures } from '../helpers/shared.js';

interface StreamFacts {
  handshake: number[];
  cipherSuite?: number;
  version?: number;
  sni?: string;
}

const conversations: Record<string, Array<{ a: string; b: string }>> = JSON.parse(readFileSync(repoPath('test/golden/conv-tcp.json'), 'utf8'));
/** Captures whose plaintext phase tshark's own dissectors must see (decode-as would break them). */
const NATIVE = /^extra\/(starttls-|tls-port2525|sslv2)/;

function fields(file: string, decodeAs: string[], filter: string, names: string[]): string[][] {
  const args = ['-r', file, ...decodeAs, '-Y', filter, '-T', 'fields', '-E', 'separator=/t', ...names.flatMap((n) => ['-e', n])];
  const out = execFileSync('tshark', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  return out.split('\n').filter((l) => l.length > 0).map((l) => l.split('\t'));
}

if (sharedCaptures === undefined) throw new Error('../shared/captures is missing');
const golden: Record<string, Record<string, StreamFacts>> = {};
for (const [capture, convs] of Object.entries(conversations)) {
  if (convs.length === 0) continue;
  const file = path.join(sharedCaptures, capture);
  const ports = new Set(convs.map((c) => Number(c.b.slice(c.b.lastIndexOf(':') + 1))));
  const decodeAs = NATIVE.test(capture) ? [] : [...ports].filter((p) => p !== 443).flatMap((p) => ['-d', `tcp.port==${p},tls`]);
  const streams: Record<string, StreamFacts> = {};
  const at = (s: string): StreamFacts => (streams[s] ??= { handshake: [] });
  for (const [stream = '', types = ''] of fields(file, decodeAs, 'tls.handshake.type', ['tcp.stream', 'tls.handshake.type'])) {
    at(stream).handshake.push(...types.split(',').filter((t) => t !== '').map(Number));
  }
  for (const [stream = '', suite = '', version = '', supported = ''] of fields(file, decodeAs, 'tls.handshake.type == 2', ['tcp.stream', 'tls.handshake.ciphersuite', 'tls.handshake.version', 'tls.handshake.extensions.supported_version'])) {
    const facts = at(stream);
    if (facts.cipherSuite !== undefined) continue;
    facts.cipherSuite = Number(suite.split(',')[0]);
    const chosen = supported !== '' ? supported : version;
    facts.version = Number(chosen.split(',')[0]);
  }
  for (const [stream = '', sni = ''] of fields(file, decodeAs, 'tls.handshake.type == 1', ['tcp.stream', 'tls.handshake.extensions_server_name'])) {
    if (sni !== '' && at(stream).sni === undefined) at(stream).sni = sni;
  }
  if (Object.keys(streams).length > 0) golden[capture] = streams;
}
writeFileSync(repoPath('test/golden/tls-handshakes.json'), `${JSON.stringify(golden, null, 1)}\n`);
