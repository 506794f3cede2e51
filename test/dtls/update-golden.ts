/**
 * Writes test/dtls/golden/conv-udp.json (tshark's `-q -z conv,udp`: endpoints and frames each
 * way) and test/dtls/golden/dtls-captures.json from tshark 4.0, run from each capture's folder
 * with the options of cases.ts: per udp.stream, its first sender, every handshake fragment tshark
 * decodes (frame, sender, type, message_seq, length, fragment offset and length; retransmissions
 * included), and every record it
 * decrypted (frame, sender, epoch, sequence, content type, length, SHA-256, and the bytes in hex
 * when short). Decrypted bytes come from the "Decrypted DTLS" blocks of `-P -x`, matched in order
 * to the frame's records of epoch 1 and up. Run by hand: npx tsx test/dtls/update-golden.ts;
 * review the diff.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { repoPath, sharedCaptures } from '../helpers/shared.js';
import { DTLS_CASES, folderOf, type DtlsCase, type StreamFacts } from './cases.js';

/** Bytes short enough to keep in full, so the golden file reads as what tshark showed. */
const HEX_LIMIT = 256;

function tshark(c: DtlsCase, extra: string[]): string {
  const args = ['-r', c.capture, ...c.tshark.flatMap((o) => ['-o', o]), ...extra];
  return execFileSync('tshark', args, { cwd: folderOf(c), encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 1 << 28 });
}

function list(field: string | undefined): number[] {
  return field === undefined || field === '' ? [] : field.split(',').map(Number);
}

/** Frame number -> the hex of each "Decrypted DTLS" block, in order. */
function decryptedBlocks(c: DtlsCase): Map<number, string[]> {
  const blocks = new Map<number, string[]>();
  let frame = 0;
  let current: string[] | undefined;
  for (const line of tshark(c, ['-P', '-x']).split('\n')) {
    const summary = /^\s*(\d+)\s+\d+\.\d+\s/.exec(line);
    if (summary !== null) {
      frame = Number(summary[1]);
      current = undefined;
      continue;
    }
    if (line.startsWith('Decrypted DTLS (')) {
      current = [];
      blocks.set(frame, [...(blocks.get(frame) ?? []), '']);
      continue;
    }
    const row = /^[0-9a-f]{4}\s\s((?:[0-9a-f]{2}\s)+)/.exec(line);
    if (row === null) {
      current = undefined;
      continue;
    }
    if (current === undefined) continue;
    const all = blocks.get(frame) ?? [];
    all[all.length - 1] = `${all[all.length - 1] ?? ''}${(row[1] ?? '').replace(/\s/g, '')}`;
  }
  return blocks;
}

function bracket(address: string, port: string): string {
  return address.includes(':') ? `[${address}]:${port}` : `${address}:${port}`;
}

function facts(c: DtlsCase): Record<string, StreamFacts> {
  const fields = ['frame.number', 'udp.stream', 'ip.src', 'ipv6.src', 'udp.srcport', 'dtls.record.epoch', 'dtls.record.sequence_number', 'dtls.record.content_type', 'dtls.handshake.type', 'dtls.handshake.message_seq', 'dtls.handshake.length', 'dtls.handshake.fragment_offset', 'dtls.handshake.fragment_length'];
  const out = tshark(c, ['-Y', 'dtls', '-T', 'fields', '-E', 'separator=/t', ...fields.flatMap((f) => ['-e', f])]);
  const blocks = decryptedBlocks(c);
  const streams: Record<string, StreamFacts> = {};
  for (const line of out.split('\n').filter((l) => l !== '')) {
    const [frameText = '', stream = '', ip4 = '', ip6 = '', port = '', epochs = '', sequences = '', types = '', messageTypes = '', messageSeqs = '', messageLengths = '', offsets = '', fragmentLengths = ''] = line.split('\t');
    const frame = Number(frameText);
    const from = bracket(ip4 !== '' ? ip4 : ip6, port);
    const facts = (streams[stream] ??= { firstSender: from, handshake: [], decrypted: [] });
    const [seqs, lengths, starts, sizes] = [list(messageSeqs), list(messageLengths), list(offsets), list(fragmentLengths)];
    list(messageTypes).forEach((type, i) => {
      facts.handshake.push({ frame, from, type, messageSeq: seqs[i] ?? -1, length: lengths[i] ?? -1, fragmentOffset: starts[i] ?? -1, fragmentLength: sizes[i] ?? -1 });
    });
    const recordSequences = list(sequences);
    const contentTypes = list(types);
    const decrypted = [...(blocks.get(frame) ?? [])];
    list(epochs).forEach((epoch, i) => {
      if (epoch === 0) return;
      const hex = decrypted.shift();
      if (hex === undefined) throw new Error(`${c.capture} frame ${frame}: tshark did not decrypt record ${i}`);
      const bytes = Buffer.from(hex, 'hex');
      facts.decrypted.push({
        frame, from, epoch, sequence: recordSequences[i] ?? -1, contentType: contentTypes[i] ?? -1, length: bytes.length,
        sha256: createHash('sha256').update(bytes).digest('hex'),
        ...(bytes.length <= HEX_LIMIT ? { hex } : {}),
      });
    });
    if (decrypted.length > 0) throw new Error(`${c.capture} frame ${frame}: more decrypted blocks than protected records`);
  }
  return streams;
}

interface Conversation {
  a: string;
  b: string;
  framesAtoB: number;
  framesBtoA: number;
}

function conversations(c: DtlsCase): Conversation[] {
  const rows: Conversation[] = [];
  for (const line of tshark(c, ['-q', '-z', 'conv,udp']).split('\n')) {
    const m = /^(\S+):(\d+)\s+<->\s+(\S+):(\d+)\s+(\d+)\s+\S+\s+\S+\s+(\d+)/.exec(line);
    if (m === null) continue;
    rows.push({ a: bracket(m[1] ?? '', m[2] ?? ''), b: bracket(m[3] ?? '', m[4] ?? ''), framesBtoA: Number(m[5]), framesAtoB: Number(m[6]) });
  }
  return rows;
}

if (sharedCaptures === undefined) throw new Error('../shared/captures is missing');
const golden: Record<string, Record<string, StreamFacts>> = {};
const conv: Record<string, Conversation[]> = {};
for (const c of DTLS_CASES) {
  golden[c.capture] = facts(c);
  conv[c.capture] = conversations(c);
}
writeFileSync(repoPath('test/dtls/golden/dtls-captures.json'), `${JSON.stringify(golden, null, 1)}\n`);
writeFileSync(repoPath('test/dtls/golden/conv-udp.json'), `${JSON.stringify(conv, null, 1)}\n`);
