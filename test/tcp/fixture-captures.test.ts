import test from 'ava';
import { createHash } from 'node:crypto';
import { runPipeline } from '../../dissect/pipeline.js';
import type { TcpConnection } from '../../dissect/tcp/connection.js';
import { fixturePath, manifests } from '../helpers/fixtures.js';

interface Collected {
  connection: TcpConnection;
  bytes: [Uint8Array[], Uint8Array[]];
  gaps: Array<{ direction: number; offset: number; length: number }>;
}

async function reassemble(file: string): Promise<Collected[]> {
  const out: Collected[] = [];
  await runPipeline(file, {
    opened(connection) {
      const entry: Collected = { connection, bytes: [[], []], gaps: [] };
      out.push(entry);
      connection.handler = {
        data: (chunk) => entry.bytes[chunk.direction].push(chunk.data.slice()),
        gap: (gap) => entry.gaps.push({ direction: gap.direction, offset: gap.offset, length: gap.length }),
      };
    },
  });
  return out;
}

function digest(parts: Uint8Array[]): { sha256: string; length: number } {
  const all = Buffer.concat(parts);
  return { sha256: createHash('sha256').update(all).digest('hex'), length: all.length };
}

for (const manifest of manifests()) {
  for (const capture of manifest.files.captures) {
    test(`fixture ${capture}: reassembled TCP bytes equal what node:tls wrote, impairments reported`, async (t) => {
      const ours = await reassemble(fixturePath(capture));
      t.is(ours.length, manifest.connections.length);
      for (const expected of manifest.connections) {
        const got = ours[expected.index];
        if (got === undefined) continue;
        t.is(got.connection.client.text, expected.client);
        t.is(got.connection.server.text, expected.server);
        const kinds = new Set(expected.impairments.map((i) => i.kind));
        if (kinds.has('loss')) {
          for (const loss of expected.impairments.filter((i) => i.kind === 'loss')) {
            const direction = loss.direction === 'client-to-server' ? 0 : 1;
            t.true(got.gaps.some((g) => g.direction === direction && g.offset === loss.streamOffset && g.length === loss.length), `gap at ${loss.streamOffset}`);
          }
        } else if (!kinds.has('midstream')) {
          t.deepEqual(digest(got.bytes[0]), expected.tcp.clientToServer, `stream ${expected.index} client bytes`);
          t.deepEqual(digest(got.bytes[1]), expected.tcp.serverToClient, `stream ${expected.index} server bytes`);
        }
        for (const d of expected.expectedDiagnostics) {
          t.true(got.connection.diagnostics.some((ours) => ours.code === d.code && ours.frame === d.frame), `${d.code} at frame ${d.frame} (have ${got.connection.diagnostics.map((x) => `${x.code}@${x.frame}`).join(', ')})`);
        }
      }
    });
  }
}
