import test from 'ava';
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { runPipeline } from '../../dissect/pipeline.js';
import type { TcpConnection } from '../../dissect/tcp/connection.js';
import { repoPath, sharedDirOrSkip } from '../helpers/shared.js';

interface Conversation {
  a: string;
  b: string;
  framesAtoB: number;
  framesBtoA: number;
}

const golden: Record<string, Conversation[]> = JSON.parse(readFileSync(repoPath('test/golden/conv-tcp.json'), 'utf8'));

/** Unordered endpoint pair with frames from each endpoint, so roles do not matter. */
function key(x: string, y: string, fromX: number, fromY: number): string {
  return x < y ? `${x} ${y} ${fromX} ${fromY}` : `${y} ${x} ${fromY} ${fromX}`;
}

for (const [capture, expected] of Object.entries(golden)) {
  test(`${capture}: TCP conversations and frames per direction match tshark's conv,tcp`, async (t) => {
    const shared = sharedDirOrSkip(t);
    if (shared === undefined) return;
    const file = path.join(shared, capture);
    const connections: TcpConnection[] = [];
    await runPipeline(file, { opened: (c) => connections.push(c) });
    const ours = connections.map((c) => key(c.client.text, c.server.text, c.packets[0], c.packets[1])).sort();
    const theirs = expected.map((c) => key(c.a, c.b, c.framesAtoB, c.framesBtoA)).sort();
    t.deepEqual(ours, theirs);
  });
}
