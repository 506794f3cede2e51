import test from 'ava';
import { cipherSuite } from '../../dissect/tls/tables/index.js';
import { decryptCapture, digest } from '../helpers/decrypt.js';
import { fixturePath, manifests, type Digest, type ManifestConnection } from '../helpers/fixtures.js';

const plain = (d: Digest): Digest => ({ sha256: d.sha256, length: d.length });

/** Connections whose plaintext cannot be complete: bytes lost, or the handshake before the capture. */
function incomplete(c: ManifestConnection): boolean {
  return c.impairments.some((i) => i.kind === 'loss' || (i.kind === 'midstream' && c.index > 0));
}

function rsaKeyExchange(c: ManifestConnection): boolean {
  return cipherSuite(c.tls.cipherSuite.id)?.kex === 'RSA';
}

for (const manifest of manifests()) {
  const { keyLog, serverKey } = manifest.files;
  for (const capture of manifest.files.captures) {
    if (keyLog !== null) {
      test(`fixture ${capture} with its key log: each session decrypts to exactly what node:tls sent`, async (t) => {
        const streams = await decryptCapture(fixturePath(capture), { keylogs: [fixturePath(keyLog)] });
        for (const c of manifest.connections) {
          const s = streams.get(c.index);
          if (incomplete(c)) {
            t.not(s?.verdict?.status, 'decrypted', `stream ${c.index} cannot be complete`);
            t.truthy(s?.verdict?.reason, `stream ${c.index} says why`);
            continue;
          }
          t.deepEqual(digest(s?.client ?? new Uint8Array(0)), plain(c.plaintext.clientToServer), `stream ${c.index} client plaintext`);
          t.deepEqual(digest(s?.server ?? new Uint8Array(0)), plain(c.plaintext.serverToClient), `stream ${c.index} server plaintext`);
          t.is(s?.verdict?.status, 'decrypted', `stream ${c.index}: ${s?.verdict?.reason ?? ''}`);
        }
      });
    }
    if (serverKey !== null) {
      test(`fixture ${capture} with only the server key: RSA sessions decrypt, the others say why not`, async (t) => {
        t.plan(manifest.connections.filter((c) => !incomplete(c)).length * 2);
        const streams = await decryptCapture(fixturePath(capture), { keys: [fixturePath(serverKey)] });
        for (const c of manifest.connections) {
          const s = streams.get(c.index);
          if (incomplete(c)) continue;
          if (rsaKeyExchange(c) || (c.tls.resumed && c.tls.version !== 'TLSv1.3')) {
            t.deepEqual(digest(s?.server ?? new Uint8Array(0)), plain(c.plaintext.serverToClient), `stream ${c.index} server plaintext`);
            t.is(s?.verdict?.status, 'decrypted', `stream ${c.index}: ${s?.verdict?.reason ?? ''}`);
          } else if (manifest.scenario.includes('dsb')) {
            // The key log rides in the capture's Decryption Secrets Blocks: no option needed.
            t.deepEqual(digest(s?.server ?? new Uint8Array(0)), plain(c.plaintext.serverToClient), `stream ${c.index} server plaintext`);
            t.is(s?.verdict?.source, 'dsb', `stream ${c.index}`);
          } else {
            t.is(s?.verdict?.status, 'not-decrypted', `stream ${c.index}`);
            t.regex(s?.verdict?.reason ?? '', /key log/, `stream ${c.index}: ${s?.verdict?.reason ?? ''}`);
          }
        }
      });
    }
  }
}
