/**
 * Writes test/golden/conv-tcp.json from tshark's `-q -z conv,tcp` over every shared capture.
 * Run by hand (npx tsx test/golden/update-conv-tcp.ts) when the shared corpus changes; the
 * result is reviewed as a diff. Tests never call tshark for this.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { sharedCaptures } from '../helpers/shared.js';
import { repoPath } from '../helpers/shared.js';

interface Conversation {
  a: string;
  b: string;
  framesAtoB: number;
  framesBtoA: number;
}

function bracket(endpoint: string): string {
  const at = endpoint.lastIndexOf(':');
  const address = endpoint.slice(0, at);
  return address.includes(':') ? `[${address}]${endpoint.slice(at)}` : endpoint;
}

function conversations(file: string): Conversation[] {
  const out = execFileSync('tshark', ['-r', file, '-q', '-z', 'conv,tcp'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  const rows: Conversation[] = [];
  for (const line of out.split('\n')) {
    const m = /^(\S+)\s+<->\s+(\S+)\s+(\d+)\s+\S+\s+\S+\s+(\d+)/.exec(line);
    if (m === null) continue;
    rows.push({ a: bracket(m[1] ?? ''), b: bracket(m[2] ?? ''), framesBtoA: Number(m[3]), framesAtoB: Number(m[4]) });
  }
  return rows;
}

if (sharedCaptures === undefined) throw new Error('../shared/captures is missing');
const golden: Record<string, Conversation[]> = {};
for (const dir of ['', 'extra']) {
  for (const name of readdirSync(path.join(sharedCaptures, dir)).sort()) {
    if (!/\.pcap(ng)?(\.gz)?$/.test(name)) continue;
    const relative = dir ? `${dir}/${name}` : name;
    golden[relative] = conversations(path.join(sharedCaptures, relative));
  }
}
writeFileSync(repoPath('test/golden/conv-tcp.json'), `${JSON.stringify(golden, null, 1)}\n`);
