import test from 'ava';
import { Http1Connection } from '../../dissect/http/http1.js';
import { Http2Connection } from '../../dissect/http/http2.js';
import { HttpConnection } from '../../dissect/http/connection.js';
import type { ExchangeSink } from '../../dissect/http/exchange.js';
import { Random } from '../helpers/random.js';
import { CLIENT, PIPELINED_CLIENT, PIPELINED_SERVER, SERVER } from './conversations.js';
import { feed } from './feed.js';

const OPTIONS = { keepBodies: true, maxBodyBytes: 1 << 16 };

/** A copy of `bytes` with a few bytes replaced at random places. */
function mutate(bytes: Uint8Array, random: Random): Uint8Array {
  const out = bytes.slice();
  const flips = 1 + random.int(4);
  for (let i = 0; i < flips; i++) out[random.int(out.length)] = random.int(256);
  return out;
}

const PARSERS = [
  ['HTTP/1', PIPELINED_CLIENT, PIPELINED_SERVER, (emit: ExchangeSink) => new Http1Connection(0, 'http', emit, OPTIONS)],
  ['HTTP/2', CLIENT, SERVER, (emit: ExchangeSink) => new Http2Connection(0, emit, OPTIONS)],
  ['sniffed', PIPELINED_CLIENT, PIPELINED_SERVER, (emit: ExchangeSink) => new HttpConnection(0, 'http', undefined, emit, OPTIONS)],
] as const;

for (const [name, client, server, parser] of PARSERS) {
  test(`${name}: 300 seeded mutations of a valid conversation never throw and every exchange is accounted for`, (t) => {
    for (let seed = 1; seed <= 300; seed++) {
      const random = new Random(seed);
      const out = feed(parser, mutate(client, random), mutate(server, random), random);
      t.true(
        out.every((e) => e.diagnostics.length > 0 || e.response?.complete === true),
        `seed ${seed}`,
      );
    }
  });
}
