import test from 'ava';
import { isIP } from 'node:net';
import { readFileSync } from 'node:fs';
import { decodeCertificate } from '../../dissect/tls/x509/certificate.js';
import { canonicalAddress, matchesDnsName, matchServerName } from '../../dissect/tls/x509/server-name.js';
import type { CertificateInfo } from '../../dissect/tls/x509/types.js';
import { repoPath } from '../helpers/shared.js';

function load(file: string): CertificateInfo {
  const decoded = decodeCertificate(readFileSync(repoPath(`test/x509/data/${file}`)));
  if (decoded.kind !== 'ok') throw new Error(`${file} did not decode`);
  return decoded.value;
}

// RFC 6125 6.4.3 and browser practice: [presented identifier, reference identifier, match?]
const WILDCARD_CASES: readonly (readonly [string, string, boolean])[] = [
  ['*.example.com', 'foo.example.com', true],
  ['*.example.com', 'FOO.Example.COM', true],
  ['*.example.com', 'foo.example.com.', true],
  ['*.example.com', 'bar.foo.example.com', false],
  ['*.example.com', 'example.com', false],
  ['*.example.com', '.example.com', false],
  ['*.com', 'example.com', false],
  ['*', 'localhost', false],
  ['f*.example.com', 'foo.example.com', false],
  ['*oo.example.com', 'foo.example.com', false],
  ['foo.*.example.com', 'foo.bar.example.com', false],
  ['*.*.example.com', 'a.b.example.com', false],
  ['*.xn--bcher-kva.example', 'www.xn--bcher-kva.example', true],
  ['www.example.com', 'www.example.com', true],
  ['www.example.com', 'WWW.EXAMPLE.COM', true],
  ['www.example.com', 'www.example.org', false],
  ['*.example.com', '*.example.com', false],
];

test('wildcards match one whole leftmost label only, as RFC 6125 6.4.3 and browsers allow', (t) => {
  for (const [pattern, host, expected] of WILDCARD_CASES) {
    t.is(matchesDnsName(pattern, host), expected, `${pattern} vs ${host}`);
  }
});

test('addresses are compared in RFC 5952 form whatever way they are written', (t) => {
  t.is(canonicalAddress('2001:DB8:0:0:0:0:0:1'), '2001:db8::1');
  t.is(canonicalAddress('[2001:db8::1]'), '2001:db8::1');
  t.is(canonicalAddress('fe80::1%eth0'), 'fe80::1');
  t.is(canonicalAddress('192.0.2.1'), '192.0.2.1');
  t.is(canonicalAddress('example.com'), undefined);
});

test('a text is taken for an address exactly when node reads it as one', (t) => {
  // Host names of hex letters alone still reach node's isIP; other characters are turned away first.
  const fixed = ['cafe.bad', 'dead::beef', '::ffff:192.0.2.1', '1.2.3', '0x7f.1', '[::1]', 'fe80::1%eth0', 'fe80::1%eth0\nx', '', '::', 'a:b:c:d:e:f:0:1', 'a:b:c:d:e:f:0:1:2'];
  // Addresses as they are, with one character replaced, and with one inserted.
  const addresses = ['192.0.2.1', '2001:DB8::1', '::ffff:192.0.2.1', 'fe80::1%eth0', '[2001:db8::]', '255.255.255.255'];
  const EDITS = '0123456789abcdefABCDEFgxz:.%[] ';
  let seed = 7;
  const next = (below: number): number => (seed = (seed * 1103515245 + 12345) % 2147483648) % below;
  const edited = Array.from({ length: 3000 }, (_, index) => {
    const address = addresses[index % addresses.length] ?? '';
    const at = next(address.length);
    const character = EDITS[next(EDITS.length)] ?? '';
    return [address, address.slice(0, at) + character + address.slice(at + 1), address.slice(0, at) + character + address.slice(at)][index % 3] ?? '';
  });
  let addressCount = 0;
  for (const text of [...fixed, ...edited]) {
    const stripped = text.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
    t.is(canonicalAddress(text) !== undefined, isIP(stripped) !== 0, JSON.stringify(text));
    if (isIP(stripped) !== 0) addressCount++;
  }
  t.true(addressCount > 1000, 'many of the texts are addresses');
});

test('a name in the subjectAltName matches and one outside it is reported with the list', (t) => {
  const example = load('tls12-dsb.0.der');
  t.deepEqual(matchServerName(example, 'www.example.net'), { pass: true, reason: "name 'www.example.net' matches subjectAltName entry 'www.example.net'" });
  t.deepEqual(matchServerName(example, 'mail.example.com'), {
    pass: false,
    reason: "name 'mail.example.com' not in subjectAltName [www.example.org, example.com, example.edu, example.net, example.org, www.example.com, www.example.edu, www.example.net]",
  });
});

test('the subject CN is used only when there is no subjectAltName DNS name', (t) => {
  const snakeoil = load('rsasnakeoil2.0.der');
  t.true(matchServerName(snakeoil, 'www.snakeoil.dom').pass);
  t.regex(matchServerName(snakeoil, 'snakeoil.dom').reason, /does not match the subject CN 'www.snakeoil.dom'/);
  // dmgr.0's subjectAltName holds only an email address, so its CN still names the server.
  t.true(matchServerName(load('dmgr.0.der'), 'oc6748504754.ibm.com').pass);
  const wildcardCn = load('ssl3-39-ciphers.0.der');
  t.true(matchServerName(wildcardCn, 'host.local.al.lekensteyn.nl').pass);
  t.false(matchServerName(wildcardCn, 'local.al.lekensteyn.nl').pass);
});

test('an address never matches a DNS name or CN, only a subjectAltName IP address', (t) => {
  const example = load('tls12-dsb.0.der');
  const match = matchServerName(example, '93.184.216.34');
  t.false(match.pass);
  t.regex(match.reason, /no subjectAltName IP addresses/);
});
