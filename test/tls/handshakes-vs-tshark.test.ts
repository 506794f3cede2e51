import test from 'ava';
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { analyze } from '../../dissect/analyze.js';
import type { Negotiation } from '../../dissect/tls/negotiation.js';
import { HandshakeType } from '../../dissect/tls/tables/index.js';
import { repoPath, sharedDirOrSkip } from '../helpers/shared.js';

interface StreamFacts {
  handshake: number[];
  cipherSuite?: number;
  version?: number;
  sni?: string;
}

const golden: Record<string, Record<string, StreamFacts>> = JSON.parse(readFileSync(repoPath('test/golden/tls-handshakes.json'), 'utf8'));
const TYPE_NUMBERS: ReadonlyMap<string, number> = new Map([...Object.entries(HandshakeType), ['hello_retry_request', HandshakeType.server_hello]]);

function facts(n: Negotiation): StreamFacts {
  const out: StreamFacts = {
    handshake: n.steps.map((s) => TYPE_NUMBERS.get(s.type) ?? Number(s.type.replace('unknown_', ''))),
  };
  const hello = n.hellos.find((h) => h.kind === 'server_hello');
  if (hello?.kind === 'server_hello' && hello.cipherSuite !== undefined) out.cipherSuite = hello.cipherSuite.value;
  if (n.version !== undefined) out.version = n.version;
  if (n.sni !== undefined) out.sni = n.sni;
  return out;
}

for (const [capture, streams] of Object.entries(golden)) {
  // Without options both tools decode what needs no secrets, plus what DSBs and NULL ciphers reveal.
  test(`${capture}: handshake types, cipher suite, version and SNI per stream match tshark 4.0`, async (t) => {
    const shared = sharedDirOrSkip(t);
    if (shared === undefined) return;
    const file = path.join(shared, capture);
    const ours: Record<string, StreamFacts> = {};
    await analyze(file, {
      finished(connection, session) {
        if (session.isTls) ours[String(connection.index)] = facts(session.negotiation);
      },
    });
    t.deepEqual(ours, streams);
  });
}
