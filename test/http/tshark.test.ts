/**
 * tshark 4.0 as a live oracle: the HTTP/1 requests and responses it dissects in the decrypted
 * shared captures, frame by frame, against keyhole's exchanges. Skips without tshark or captures.
 */
import test from 'ava';
import path from 'node:path';
import { analyze } from '../../dissect/analyze.js';
import { DecryptionContext, type SecretOptions } from '../../dissect/decrypt/context.js';
import { HttpAnalyzer } from '../../dissect/http/analyzer.js';
import type { HttpExchange, HttpMessage } from '../../dissect/http/exchange.js';
import { runTshark, tsharkAvailable, TSHARK_MISSING } from '../fixtures/tshark.js';
import { sharedCaptures, SHARED_MISSING } from '../helpers/shared.js';

interface OracleCase {
  readonly capture: string;
  /** tshark options that decrypt it. */
  readonly tshark: (dir: string) => readonly string[];
  readonly secrets: (dir: string) => SecretOptions;
}

const CASES: readonly OracleCase[] = [
  { capture: 'rsasnakeoil2.pcap', tshark: (dir) => ['-o', `uat:rsa_keys:"${path.join(dir, 'rsasnakeoil2.key')}",""`], secrets: (dir) => ({ keys: [path.join(dir, 'rsasnakeoil2.key')] }) },
  { capture: 'dmgr.pcapng', tshark: (dir) => ['-o', `tls.keys_list:127.0.0.1,9131,http,${path.join(dir, 'key.p12')},WebAS`], secrets: (dir) => ({ keys: [path.join(dir, 'key.p12')], keyPassword: 'WebAS' }) },
  { capture: 'tls13-rfc8446.pcap', tshark: (dir) => ['-o', `tls.keylog_file:${path.join(dir, 'tls13-rfc8446.keys')}`], secrets: (dir) => ({ keylogs: [path.join(dir, 'tls13-rfc8446.keys')] }) },
  { capture: 'tls12-dsb.pcapng', tshark: () => [], secrets: () => ({}) },
];

/** One line per HTTP message: frame, tcp.stream, method and URI or status, Content-Length. */
function ours(exchanges: readonly HttpExchange[]): string[] {
  const lines: Array<readonly [number, string]> = [];
  const length = (m: HttpMessage): string => m.headers.find((h) => h.name.toLowerCase() === 'content-length')?.value ?? '';
  for (const e of exchanges) {
    const [request, response] = [e.request, e.response];
    if (request !== null && request.lastFrame !== null) lines.push([request.lastFrame, `${request.lastFrame}\t${e.stream}\t${e.method ?? ''}\t${e.path ?? ''}\t\t${length(request)}`]);
    if (response !== null && response.lastFrame !== null) lines.push([response.lastFrame, `${response.lastFrame}\t${e.stream}\t\t\t${e.status ?? ''}\t${length(response)}`]);
  }
  return lines.sort((a, b) => a[0] - b[0]).map(([, line]) => line);
}

for (const c of CASES) {
  test(`${c.capture}: every HTTP message tshark dissects, in the same frame and stream, with the same method, URI, status and length`, async (t) => {
    if (!tsharkAvailable || sharedCaptures === undefined) {
      t.log(tsharkAvailable ? SHARED_MISSING : TSHARK_MISSING);
      t.pass();
      return;
    }
    const dir = sharedCaptures;
    const fields = ['frame.number', 'tcp.stream', 'http.request.method', 'http.request.uri', 'http.response.code', 'http.content_length_header'];
    const theirs = (await runTshark(['-r', path.join(dir, c.capture), ...c.tshark(dir), '-Y', 'http', '-T', 'fields', ...fields.flatMap((f) => ['-e', f])]))
      .split('\n')
      .filter((line) => line.length > 0);
    const exchanges: HttpExchange[] = [];
    await analyze(path.join(dir, c.capture), new HttpAnalyzer((e) => exchanges.push(e)), { decryption: await DecryptionContext.create(c.secrets(dir)) });
    t.deepEqual(ours(exchanges), theirs);
  });
}
