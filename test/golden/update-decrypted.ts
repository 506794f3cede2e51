/**
 * Writes test/golden/decrypted.json: for every capture tshark decrypts, per TCP stream, the
 * length and SHA-256 of the decrypted application data each way, from tshark 4.0's
 * `-q -z follow,tls,raw,N`. Run by hand (npx tsx test/golden/update-decrypted.ts); review the diff.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { repoPath, sharedCaptures } from '../helpers/shared.js';
import { DECRYPTION_CASES, NO_EARLY_CASE, type DecryptionCase } from './decryption-cases.js';

interface Side {
  length: number;
  sha256: string;
}

/** tshark calls the sender of the first followed bytes "node 0"; the stream's client is recorded so tests can orient. */
interface Followed {
  node0: string;
  node0Data: Side;
  node1Data: Side;
}

const conversations: Record<string, Array<{ a: string; b: string }>> = JSON.parse(readFileSync(repoPath('test/golden/conv-tcp.json'), 'utf8'));

function tsharkOptions(c: DecryptionCase, dir: string): string[] {
  const options: string[] = [];
  if (c.key !== undefined) options.push('-o', `uat:rsa_keys:"${path.join(dir, c.key)}","${c.keyPassword ?? ''}"`);
  if (c.keylog !== undefined) options.push('-o', `tls.keylog_file:${path.join(dir, c.keylog)}`);
  if (c.psk !== undefined) options.push('-o', `tls.psk:${c.psk}`);
  const ports = new Set((conversations[c.capture] ?? []).map((conv) => Number(conv.b.slice(conv.b.lastIndexOf(':') + 1))));
  for (const port of ports) if (port !== 443) options.push('-d', `tcp.port==${port},tls`);
  return options;
}

function side(hexLines: string[]): Side {
  const bytes = Buffer.from(hexLines.join(''), 'hex');
  return { length: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') };
}

function follow(file: string, options: string[], stream: number): Followed {
  const out = execFileSync('tshark', ['-r', file, ...options, '-q', '-z', `follow,tls,raw,${stream}`], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 1 << 28 });
  const client: string[] = [];
  const server: string[] = [];
  let inBody = false;
  let node0 = '';
  for (const line of out.split('\n')) {
    if (line.startsWith('Node 0:')) node0 = bracket(line.slice('Node 0:'.length).trim());
    if (line.startsWith('Node 1:')) {
      inBody = true;
      continue;
    }
    if (!inBody || line.startsWith('====')) continue;
    if (line.startsWith('\t')) server.push(line.trim());
    else if (line.trim() !== '') client.push(line.trim());
  }
  return { node0, node0Data: side(client), node1Data: side(server) };
}

function bracket(endpoint: string): string {
  const at = endpoint.lastIndexOf(':');
  const address = endpoint.slice(0, at);
  return address.includes(":") && !address.startsWith("[") ? `[${address}]${endpoint.slice(at)}` : endpoint;
}

if (sharedCaptures === undefined) throw new Error('../shared/captures is missing');
const golden: Record<string, Record<string, Followed>> = {};
for (const c of [...DECRYPTION_CASES, NO_EARLY_CASE]) {
  const label = c === NO_EARLY_CASE ? `${c.capture} (${c.keylog ?? ''})` : c.capture;
  const streams: Record<string, Followed> = {};
  const count = (conversations[c.capture] ?? []).length;
  for (let stream = 0; stream < count; stream++) {
    streams[String(stream)] = follow(path.join(sharedCaptures, c.capture), tsharkOptions(c, sharedCaptures), stream);
  }
  golden[label] = streams;
  process.stderr.write(`${label}: ${count} streams\n`);
}
writeFileSync(repoPath('test/golden/decrypted.json'), `${JSON.stringify(golden, null, 1)}\n`);
