import test from 'ava';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DECRYPTION_CASES, NO_EARLY_CASE, type DecryptionCase } from '../golden/decryption-cases.js';
import { decryptCapture, digest } from '../helpers/decrypt.js';
import { repoPath, sharedCaptures, SHARED_MISSING } from '../helpers/shared.js';

type Side = { length: number; sha256: string };
/** tshark's follow names the sender of the first followed bytes "node 0". */
type Followed = { node0: string; node0Data: Side; node1Data: Side };
const golden: Record<string, Record<string, Followed>> = JSON.parse(readFileSync(repoPath('test/golden/decrypted.json'), 'utf8'));

function secretsOf(c: DecryptionCase, dir: string) {
  return {
    keys: c.key === undefined ? [] : [path.join(dir, c.key)],
    keylogs: c.keylog === undefined ? [] : [path.join(dir, c.keylog)],
    psks: c.psk === undefined ? [] : [c.psk],
    ...(c.keyPassword === undefined ? {} : { keyPassword: c.keyPassword }),
  };
}

for (const c of [...DECRYPTION_CASES, NO_EARLY_CASE]) {
  const label = c === NO_EARLY_CASE ? `${c.capture} (${c.keylog ?? ''})` : c.capture;
  test(`${label}: every stream decrypts to the same application data as tshark's follow,tls,raw`, async (t) => {
    if (sharedCaptures === undefined) {
      t.log(SHARED_MISSING);
      t.pass();
      return;
    }
    const expected = golden[label] ?? {};
    const streams = await decryptCapture(path.join(sharedCaptures, c.capture), secretsOf(c, sharedCaptures));
    const ours: Record<string, Followed> = {};
    for (const [stream, theirs] of Object.entries(expected)) {
      const s = streams.get(Number(stream));
      const client = s?.session.connection.client.text ?? '';
      const serverFirst = theirs.node0 !== '' && theirs.node0 !== client;
      const [first, second] = serverFirst ? [s?.server, s?.client] : [s?.client, s?.server];
      ours[stream] = { node0: theirs.node0, node0Data: digest(first ?? new Uint8Array(0)), node1Data: digest(second ?? new Uint8Array(0)) };
    }
    t.deepEqual(ours, expected);
  });
}
