/**
 * Certificates made at test time with the openssl CLI (a CA, an intermediate with path
 * constraints, a leaf with nearly every extension, and one certificate per key type), so the
 * decoder is compared with OpenSSL's own reading of the same bytes. Generated once per test
 * process, lazily; tests skip where openssl is absent.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import test, { type ExecutionContext } from 'ava';
import { decodeCertificate } from '../../dissect/tls/x509/certificate.js';
import type { ChainCertificate } from '../../dissect/tls/x509/chain.js';

export const opensslAvailable = spawnSync('openssl', ['version'], { encoding: 'utf8' }).status === 0;
export const OPENSSL_MISSING = 'skipped: the openssl CLI is not installed';

/** Declares a test that runs `body` with the generated fixtures, or passes with a note where openssl is absent. */
export function withOpenssl(title: string, body: (t: ExecutionContext, made: Fixtures) => void): void {
  test(title, (t) => {
    if (!opensslAvailable) {
      t.log(OPENSSL_MISSING);
      t.pass();
      return;
    }
    body(t, fixtures());
  });
}

/** RFC 6962 3.3 SignedCertificateTimestampList with two SCTs, as OpenSSL prints them back. */
function u16(value: number): Buffer {
  return Buffer.from([value >> 8, value & 0xff]);
}

function sctList(): string {
  const sct = (log: string, timestamp: bigint, extensionsHex: string, hash: number, signature: number, signatureHex: string): Buffer => {
    const extensions = Buffer.from(extensionsHex, 'hex');
    const signed = Buffer.from(signatureHex, 'hex');
    const time = Buffer.alloc(8);
    time.writeBigUInt64BE(timestamp);
    const body = Buffer.concat([
      Buffer.from([0]), createHash('sha256').update(log).digest(), time,
      u16(extensions.length), extensions, Buffer.from([hash, signature]), u16(signed.length), signed,
    ]);
    return Buffer.concat([u16(body.length), body]);
  };
  const list = Buffer.concat([
    sct('keyhole test log one', 1577836800123n, '', 4, 3, '3006020101020102'),
    sct('keyhole test log two', 1700000000000n, '0102', 4, 1, '000102030405060708090a0b0c0d0e0f'),
  ]);
  return Buffer.concat([u16(list.length), list]).toString('hex');
}

const CONFIG = `
[req]
distinguished_name = dn
[dn]
[ca]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
[intermediate]
basicConstraints = critical, CA:TRUE, pathlen:0
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
nameConstraints = critical, permitted;DNS:example.test, permitted;IP:192.0.2.0/255.255.255.0, excluded;DNS:bad.example.test, excluded;IP:2001:db8:dead::/ffff:ffff:ffff:0:0:0:0:0
policyConstraints = requireExplicitPolicy:0, inhibitPolicyMapping:1
inhibitAnyPolicy = 2
policyMappings = 1.3.6.1.4.1.99999.1:1.3.6.1.4.1.99999.2
certificatePolicies = 2.5.29.32.0
[leaf]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth, clientAuth, 1.3.6.1.5.5.7.3.17
subjectAltName = @alt
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid, issuer
crlDistributionPoints = URI:http://crl.example.test/ca.crl, URI:ldap://ldap.example.test/cn=ca
authorityInfoAccess = OCSP;URI:http://ocsp.example.test, caIssuers;URI:http://ca.example.test/ca.crt
certificatePolicies = 2.23.140.1.2.1, @policy
issuerAltName = URI:http://ca.example.test/
tlsfeature = status_request
noCheck = ignored
nsComment = "keyhole test leaf"
nsCertType = server, client
1.2.3.4.5.6.7.8 = critical, ASN1:UTF8String:custom extension value
1.3.6.1.4.1.11129.2.4.2 = ASN1:FORMAT:HEX,OCTETSTRING:${sctList()}
[alt]
DNS.1 = leaf.example.test
DNS.2 = *.wild.example.test
IP.1 = 192.0.2.10
IP.2 = 2001:db8::1
email.1 = admin@example.test
URI.1 = https://example.test/path
dirName.1 = dir_sect
otherName.1 = 1.3.6.1.4.1.311.20.2.3;UTF8:upn@example.test
RID.1 = 1.2.3.4
[dir_sect]
C = GB
O = Dir Org
CN = Dir Name
[policy]
policyIdentifier = 1.3.6.1.4.1.99999.1
CPS.1 = https://example.test/cps
userNotice.1 = @notice
[notice]
explicitText = "Keyhole test notice"
organization = "Keyhole Org"
noticeNumbers = 1, 2
[server]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = serverAuth
subjectAltName = DNS:server.example.test
`;

export interface Fixture {
  readonly name: string;
  /** The PEM file, for handing to openssl. */
  readonly file: string;
  readonly pem: string;
  readonly der: Uint8Array;
}

const KEY_ALGORITHMS = {
  rsa: ['-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048'],
  pss: ['-algorithm', 'RSA-PSS', '-pkeyopt', 'rsa_keygen_bits:2048', '-pkeyopt', 'rsa_pss_keygen_md:sha256', '-pkeyopt', 'rsa_pss_keygen_saltlen:32'],
  p256: ['-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256'],
  p384: ['-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-384'],
  ed25519: ['-algorithm', 'ED25519'],
} as const;

type KeyName = keyof typeof KEY_ALGORITHMS;

interface Issue {
  readonly subject: string;
  readonly key: KeyName;
  readonly extensions?: string;
  readonly days?: number;
  readonly serial?: string;
  readonly extraArgs?: readonly string[];
}

class FixtureMaker {
  readonly dir = mkdtempSync(path.join(tmpdir(), 'keyhole-x509-'));
  private readonly config = path.join(this.dir, 'openssl.cnf');
  private readonly keys = new Map<KeyName, string>();

  constructor() {
    writeFileSync(this.config, CONFIG);
  }

  run(args: readonly string[]): string {
    return execFileSync('openssl', args, { cwd: this.dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  }

  key(name: KeyName): string {
    const existing = this.keys.get(name);
    if (existing !== undefined) return existing;
    const file = path.join(this.dir, `${name}.key`);
    this.run(['genpkey', ...KEY_ALGORITHMS[name], '-out', file]);
    this.keys.set(name, file);
    return file;
  }

  private load(name: string, file: string): Fixture {
    const pem = readFileSync(file, 'utf8');
    const der = new Uint8Array(Buffer.from(pem.replace(/-----[^-]+-----|\s/g, ''), 'base64'));
    return { name, file, pem, der };
  }

  private common(issue: Issue): string[] {
    return [
      '-days', String(issue.days ?? 3650),
      ...(issue.serial === undefined ? [] : ['-set_serial', issue.serial]),
      ...(issue.extensions === undefined ? [] : ['-extfile', this.config, '-extensions', issue.extensions]),
      ...(issue.extraArgs ?? []),
    ];
  }

  /** A self-signed certificate (version 1 when it has no extensions). */
  selfSigned(name: string, issue: Issue): Fixture {
    const csr = path.join(this.dir, `${name}.csr`);
    const out = path.join(this.dir, `${name}.pem`);
    const key = this.key(issue.key);
    this.run(['req', '-new', '-config', this.config, '-utf8', '-multivalue-rdn', '-key', key, '-subj', issue.subject, '-out', csr]);
    this.run(['x509', '-req', '-in', csr, '-signkey', key, '-out', out, ...this.common(issue)]);
    return this.load(name, out);
  }

  issued(name: string, issue: Issue, issuer: Fixture, issuerKey: KeyName): Fixture {
    const csr = path.join(this.dir, `${name}.csr`);
    const out = path.join(this.dir, `${name}.pem`);
    this.run(['req', '-new', '-config', this.config, '-utf8', '-key', this.key(issue.key), '-subj', issue.subject, '-out', csr]);
    this.run(['x509', '-req', '-in', csr, '-CA', issuer.file, '-CAkey', this.key(issuerKey), '-out', out, ...this.common(issue)]);
    return this.load(name, out);
  }
}

export interface Fixtures {
  readonly maker: FixtureMaker;
  /** RSA 2048 root, sha256WithRSAEncryption. */
  readonly ca: Fixture;
  /** EC P-384 intermediate under `ca`, with name, policy and path constraints. */
  readonly intermediate: Fixture;
  /** RSA 2048 leaf under `intermediate` (ecdsa-with-SHA256) with nearly every extension. */
  readonly leaf: Fixture;
  /** RSA-PSS key (sha256, 32-byte salt), signed by `ca` with RSASSA-PSS. */
  readonly pss: Fixture;
  /** EC P-256 server certificate under `ca`. */
  readonly p256: Fixture;
  /** Ed25519 self-signed root, and an EC P-384 server certificate it signed (Ed25519 signature). */
  readonly edCa: Fixture;
  readonly edLeaf: Fixture;
  /** Version 1, no extensions. */
  readonly v1: Fixture;
  /** A subject needing RFC 4514 escaping, UTF-8, a multi-valued RDN; valid past 2050. */
  readonly special: Fixture;
}

function once<T>(make: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= make());
}

let made: Fixtures | undefined;

/** The fixtures, each generated on first use (with what it depends on), once per process. */
export function fixtures(): Fixtures {
  if (made !== undefined) return made;
  const maker = new FixtureMaker();
  const ca = once(() => maker.selfSigned('ca', { subject: '/C=GB/O=Keyhole Test/CN=Keyhole Test Root', key: 'rsa', extensions: 'ca', serial: '1' }));
  const intermediate = once(() => maker.issued('intermediate', {
    subject: '/C=GB/O=Keyhole Test/CN=Keyhole Test Intermediate', key: 'p384', extensions: 'intermediate', serial: '2',
  }, ca(), 'rsa'));
  const leaf = once(() => maker.issued('leaf', {
    subject: '/C=GB/O=Keyhole Test/CN=leaf.example.test', key: 'rsa', extensions: 'leaf', serial: '0x0123456789abcdef', days: 90,
  }, intermediate(), 'p384'));
  const pss = once(() => maker.issued('pss', {
    subject: '/CN=pss.example.test', key: 'pss', extensions: 'server', serial: '3',
    extraArgs: ['-sha256', '-sigopt', 'rsa_padding_mode:pss', '-sigopt', 'rsa_pss_saltlen:32'],
  }, ca(), 'rsa'));
  const p256 = once(() => maker.issued('p256', { subject: '/CN=server.example.test', key: 'p256', extensions: 'server', serial: '4' }, ca(), 'rsa'));
  const edCa = once(() => maker.selfSigned('ed-ca', { subject: '/CN=Keyhole Ed25519 Root', key: 'ed25519', extensions: 'ca', serial: '5' }));
  const edLeaf = once(() => maker.issued('ed-leaf', { subject: '/CN=server.example.test', key: 'p384', extensions: 'server', serial: '6' }, edCa(), 'ed25519'));
  const v1 = once(() => maker.selfSigned('v1', { subject: '/CN=Version One/O=Old Style', key: 'p256', serial: '7' }));
  const special = once(() => maker.selfSigned('special', {
    subject: '/DC=test/DC=example/C=GB/ST=Ünïcödé Shire/L=semi;colon<>\\\\back/O=\\#hash/OU= spaced /CN=a\\,b\\+c"d+UID=jdoe/serialNumber=42/emailAddress=x@example.test',
    key: 'p256', days: 20000, serial: '8', extensions: 'server',
  }));
  made = {
    maker,
    get ca() { return ca(); },
    get intermediate() { return intermediate(); },
    get leaf() { return leaf(); },
    get pss() { return pss(); },
    get p256() { return p256(); },
    get edCa() { return edCa(); },
    get edLeaf() { return edLeaf(); },
    get v1() { return v1(); },
    get special() { return special(); },
  };
  return made;
}

const outputs = new Map<string, string>();

/** `openssl x509 -noout <args>` on a fixture (each distinct call runs once per process). */
export function opensslX509(fixture: Fixture, args: readonly string[]): string {
  const key = [fixture.file, ...args].join(' ');
  const known = outputs.get(key);
  if (known !== undefined) return known;
  const output = fixtures().maker.run(['x509', '-in', fixture.file, '-noout', ...args]);
  outputs.set(key, output);
  return output;
}

/** Certificates (fixtures or DER) decoded as checkChain takes them, leaf first. */
export function chainOf(...certificates: readonly (Fixture | Uint8Array)[]): ChainCertificate[] {
  return certificates.map((certificate) => {
    const der = certificate instanceof Uint8Array ? certificate : certificate.der;
    const decoded = decodeCertificate(der);
    if (decoded.kind !== 'ok') throw new Error('a chain certificate did not decode');
    return { info: decoded.value, der };
  });
}
