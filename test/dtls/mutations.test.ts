/**
 * Seeded mutations of the OpenSSL DTLS 1.2 capture of test/dtls/data, through dissection and
 * decryption: bit flips anywhere in the UDP payloads (record headers, handshake fragment headers,
 * ciphertext), cut datagrams, and repeated, dropped and shuffled datagrams. Every run must end
 * without an exception. A failure names its seed.
 */
import test from 'ava';
import path from 'node:path';
import { analyze } from '../../dissect/analyze.js';
import { DecryptionContext } from '../../dissect/decrypt/context.js';
import { conversationReport } from '../../dissect/report.js';
import { Random } from '../helpers/random.js';
import { repoPath } from '../helpers/shared.js';
import { pcapOf, readDatagrams, udpFrame, type CapturedDatagram } from './frames.js';

const DATA = repoPath('test/dtls/data');
const RUNS = 60;
const SEED = 20261127;

type Mutation = (datagrams: readonly CapturedDatagram[], r: Random) => CapturedDatagram[];

const flipBits: Mutation = (datagrams, r) =>
  datagrams.map((d) => {
    if (r.next() > 0.3 || d.payload.length === 0) return d;
    const payload = d.payload.slice();
    for (let i = 1 + r.int(4); i > 0; i--) {
      const at = r.int(payload.length);
      payload[at] = (payload[at] ?? 0) ^ (1 << r.int(8));
    }
    return { ...d, payload };
  });

const cutDatagrams: Mutation = (datagrams, r) => datagrams.map((d) => (r.next() < 0.2 ? { ...d, payload: d.payload.subarray(0, r.int(d.payload.length)) } : d));

const reorder: Mutation = (datagrams, r) => {
  const out: CapturedDatagram[] = [];
  for (const d of datagrams) {
    const roll = r.next();
    if (roll < 0.1) continue;
    out.splice(roll < 0.3 ? Math.max(0, out.length - r.int(3)) : out.length, 0, d);
    if (roll > 0.9) out.push(d);
  }
  return out;
};

const MUTATIONS: readonly Mutation[] = [flipBits, cutDatagrams, reorder];

test(`${RUNS} mutated copies of a DTLS 1.2 session dissect and decrypt without an exception`, async (t) => {
  const original = await readDatagrams(path.join(DATA, 'openssl-dtls12-ems.pcapng'));
  const r = new Random(SEED);
  for (let run = 0; run < RUNS; run++) {
    const mutation = MUTATIONS[run % MUTATIONS.length] ?? flipBits;
    const mutated = mutation(original, r);
    const file = pcapOf(mutated.map((d) => udpFrame(d.source, d.destination, d.sourcePort, d.destinationPort, d.payload)));
    const decryption = await DecryptionContext.create({ keys: [path.join(DATA, 'openssl-dtls12-ems.key')] });
    const reports: Array<Promise<unknown>> = [];
    await t.notThrowsAsync(analyze(file, { finishedUdp: (c, s) => reports.push(conversationReport(c, s)) }, { decryption }), `run ${run} of seed ${SEED}`);
    await t.notThrowsAsync(Promise.all(reports), `report of run ${run} of seed ${SEED}`);
  }
});
