import type { ExecutionContext } from 'ava';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { decodeCertificate } from '../../dissect/tls/x509/certificate.js';
import { canonicalAddress } from '../../dissect/tls/x509/server-name.js';
import type { CertificateInfo, ExtensionInfo, ExtensionValue, ExtensionValueType, GeneralNameInfo } from '../../dissect/tls/x509/types.js';
import { opensslX509, withOpenssl, type Fixture, type Fixtures } from './openssl-fixtures.js';
import { opensslExtensions, opensslField, opensslHexBlock, opensslTime, rdnMembers, type OpensslExtension } from './openssl-text.js';

function decoded(t: ExecutionContext, fixture: Fixture): CertificateInfo {
  const result = decodeCertificate(fixture.der);
  if (result.kind !== 'ok') throw new Error(`${fixture.name} did not decode: ${JSON.stringify(result)}`);
  t.is(result.used, fixture.der.length);
  return result.value;
}

function extension(info: CertificateInfo, name: string): ExtensionInfo {
  const found = info.extensions.find((candidate) => candidate.name === name);
  if (found === undefined) throw new Error(`no ${name} extension`);
  return found;
}

function valueOf<K extends ExtensionValueType>(info: CertificateInfo, name: string, type: K): Extract<ExtensionValue, { type: K }> {
  const value = extension(info, name).value;
  if (value === undefined || !isType(value, type)) throw new Error(`${name} did not decode as ${type}`);
  return value;
}

function isType<K extends ExtensionValueType>(value: ExtensionValue, type: K): value is Extract<ExtensionValue, { type: K }> {
  return value.type === type;
}

/** The first group of `pattern` in `text`; a missing match fails the test loudly. */
function capture(pattern: RegExp, text: string): string {
  const found = pattern.exec(text)?.[1];
  if (found === undefined) throw new Error(`${String(pattern)} not found in: ${text}`);
  return found;
}

function opensslSection(fixture: Fixture, title: string): OpensslExtension {
  const section = opensslExtensions(opensslX509(fixture, ['-text'])).get(title);
  if (section === undefined) throw new Error(`openssl prints no ${title} for ${fixture.name}`);
  return section;
}

const ALL: readonly (keyof Omit<Fixtures, 'maker'>)[] = ['ca', 'intermediate', 'leaf', 'pss', 'p256', 'edCa', 'edLeaf', 'v1', 'special'];

withOpenssl('every generated certificate has the serial, fingerprints, dates, version and names openssl reports, as plain JSON data', (t, made) => {
  for (const name of ALL) {
    const fixture = made[name];
    const info = decoded(t, fixture);
    const out = opensslX509(fixture, ['-serial', '-fingerprint', '-sha256', '-dates', '-subject', '-issuer', '-nameopt', 'RFC2253,-esc_msb']);
    t.is(info.serialNumber, capture(/serial=(\w+)/, out).toLowerCase(), `${name} serial`);
    t.is(info.fingerprints.sha256, capture(/Fingerprint=([\w:]+)/, out).replace(/:/g, '').toLowerCase(), `${name} sha256`);
    t.is(info.fingerprints.sha1, capture(/Fingerprint=([\w:]+)/, opensslX509(fixture, ['-fingerprint', '-sha1'])).replace(/:/g, '').toLowerCase(), `${name} sha1`);
    t.is(info.validity.notBefore, opensslTime(capture(/notBefore=(.*)/, out)), `${name} notBefore`);
    t.is(info.validity.notAfter, opensslTime(capture(/notAfter=(.*)/, out)), `${name} notAfter`);
    const text = opensslX509(fixture, ['-text']);
    t.is(`${info.version} (0x${info.version - 1})`, opensslField(text, 'Version'), `${name} version`);
    t.deepEqual(rdnMembers(info.subject.rfc4514), rdnMembers(capture(/subject=(.*)/, out)), `${name} subject`);
    t.deepEqual(rdnMembers(info.issuer.rfc4514), rdnMembers(capture(/issuer=(.*)/, out)), `${name} issuer`);
    t.is(info.derLength, fixture.der.length);
    t.deepEqual(JSON.parse(JSON.stringify(info)), info, `${name} is plain JSON data`);
  }
});

withOpenssl('public key facts match openssl for RSA, RSA-PSS, P-256, P-384 and Ed25519 keys', (t, made) => {
  const expectations = [
    { fixture: made.ca, algorithm: 'rsaEncryption', keySize: 2048 },
    { fixture: made.pss, algorithm: 'rsassaPss', keySize: 2048 },
    { fixture: made.p256, algorithm: 'id-ecPublicKey', keySize: 256, curve: 'P-256', opensslCurve: 'prime256v1' },
    { fixture: made.intermediate, algorithm: 'id-ecPublicKey', keySize: 384, curve: 'P-384', opensslCurve: 'secp384r1' },
    { fixture: made.edCa, algorithm: 'ED25519', curve: 'Ed25519' },
  ];
  for (const expected of expectations) {
    const key = decoded(t, expected.fixture).subjectPublicKeyInfo;
    const text = opensslX509(expected.fixture, ['-text']);
    t.is(key.algorithm.name, opensslField(text, 'Public Key Algorithm'));
    t.is(key.algorithm.name, expected.algorithm);
    if (expected.keySize !== undefined) {
      t.is(key.keySize, expected.keySize);
      t.is(`(${key.keySize} bit)`, opensslField(text, 'Public-Key'));
    }
    t.is(key.curve, expected.curve);
    if (expected.opensslCurve !== undefined) t.is(opensslField(text, 'ASN1 OID'), expected.opensslCurve);
    if (expected.curve?.startsWith('P-')) t.is(opensslField(text, 'NIST CURVE'), expected.curve);
    if (key.rsa === undefined) {
      t.is(key.publicKey, opensslHexBlock(text, 'pub'));
    } else {
      t.is(key.rsa.modulus, opensslHexBlock(text, 'Modulus').replace(/^00/, ''));
      t.is(`${String(key.rsa.exponent)} (0x10001)`, opensslField(text, 'Exponent'));
    }
    const spki = path.join(made.maker.dir, `${expected.fixture.name}.spki.der`);
    made.maker.run(['x509', '-in', expected.fixture.file, '-noout', '-pubkey', '-out', `${spki}.pem`]);
    made.maker.run(['pkey', '-pubin', '-in', `${spki}.pem`, '-outform', 'DER', '-out', spki]);
    t.is(key.spkiSha256, createHash('sha256').update(readFileSync(spki)).digest('hex'));
  }
});

withOpenssl('signature algorithms and values match openssl, with the RSASSA-PSS parameters read out', (t, made) => {
  for (const name of ALL) {
    const info = decoded(t, made[name]);
    const text = opensslX509(made[name], ['-text']);
    t.is(info.signature.algorithm.name, opensslField(text, 'Signature Algorithm'));
    t.deepEqual(info.signatureAlgorithm, info.signature.algorithm);
    t.is(info.signature.value, opensslHexBlock(text, 'Signature Value'));
  }
  const pss = decoded(t, made.pss);
  t.deepEqual(pss.signature.algorithm.pss, { hash: 'sha256', maskGeneration: 'mgf1 with sha256', saltLength: 32 });
  t.deepEqual(pss.subjectPublicKeyInfo.algorithm.pss, { hash: 'sha256', maskGeneration: 'mgf1 with sha1', saltLength: 32 });
});

/** Our GeneralName in OpenSSL's -text spelling. */
function opensslName(name: GeneralNameInfo): string {
  const spelled: Record<GeneralNameInfo['type'], () => string> = {
    dNSName: () => `DNS:${name.value}`,
    iPAddress: () => `IP Address:${name.value}`,
    rfc822Name: () => `email:${name.value}`,
    uniformResourceIdentifier: () => `URI:${name.value}`,
    directoryName: () => `DirName:/${name.value.split(',').reverse().join('/')}`,
    otherName: () => `othername: ${name.otherNameType ?? ''}::${name.value}`,
    registeredID: () => `Registered ID:${name.value}`,
    x400Address: () => `X400Name:${name.value}`,
    ediPartyName: () => `EdiPartyName:${name.value}`,
  };
  return spelled[name.type]();
}

/** OpenSSL prints IPv6 uncompressed and in capitals; bring both sides to RFC 5952. */
function canonicalEntry(entry: string): string {
  const address = /^IP Address:(.*)$/.exec(entry)?.[1];
  return address === undefined ? entry : `IP Address:${canonicalAddress(address) ?? address}`;
}

withOpenssl('the leaf subjectAltName has DNS, IPv4, IPv6, email, URI, directory name, UPN and registered ID entries as openssl lists them', (t, made) => {
  const info = decoded(t, made.leaf);
  const names = valueOf(info, 'subjectAltName', 'generalNames').names;
  const section = opensslSection(made.leaf, 'X509v3 Subject Alternative Name');
  t.deepEqual(names.map(opensslName).map(canonicalEntry), (section.lines[0] ?? '').split(', ').map(canonicalEntry));
  t.deepEqual(names.find((name) => name.type === 'iPAddress' && name.value.includes(':')), { type: 'iPAddress', value: '2001:db8::1' });
  t.deepEqual(names.find((name) => name.type === 'otherName'), { type: 'otherName', oid: '1.3.6.1.4.1.311.20.2.3', otherNameType: 'UPN', value: 'upn@example.test' });
  t.deepEqual(names.find((name) => name.type === 'directoryName'), { type: 'directoryName', value: 'CN=Dir Name,O=Dir Org,C=GB' });
});

withOpenssl('key usage, extended key usage and basic constraints match openssl, critical flags included', (t, made) => {
  const info = decoded(t, made.leaf);
  const keyUsage = extension(info, 'keyUsage');
  t.true(keyUsage.critical);
  t.deepEqual(valueOf(info, 'keyUsage', 'keyUsage').usages, ['digitalSignature', 'keyEncipherment']);
  t.deepEqual(opensslSection(made.leaf, 'X509v3 Key Usage'), { critical: true, lines: ['Digital Signature, Key Encipherment'] });
  const purposes = valueOf(info, 'extendedKeyUsage', 'extendedKeyUsage').purposes;
  t.deepEqual(purposes.map((purpose) => purpose.name), ['serverAuth', 'clientAuth', 'ipsecIKE']);
  t.deepEqual(opensslSection(made.leaf, 'X509v3 Extended Key Usage').lines, ['TLS Web Server Authentication, TLS Web Client Authentication, ipsec Internet Key Exchange']);
  t.false(extension(info, 'extendedKeyUsage').critical);
  t.deepEqual(valueOf(info, 'basicConstraints', 'basicConstraints'), { type: 'basicConstraints', ca: false });
  t.true(extension(info, 'basicConstraints').critical);
  const intermediate = decoded(t, made.intermediate);
  t.deepEqual(valueOf(intermediate, 'basicConstraints', 'basicConstraints'), { type: 'basicConstraints', ca: true, pathLength: 0 });
  t.deepEqual(opensslSection(made.intermediate, 'X509v3 Basic Constraints').lines, ['CA:TRUE, pathlen:0']);
});

withOpenssl('key identifiers, CRL distribution points, authority information access and policies match openssl', (t, made) => {
  const info = decoded(t, made.leaf);
  const colon = (hex: string): string => hex.toUpperCase().replace(/(..)(?!$)/g, '$1:');
  t.deepEqual([colon(valueOf(info, 'subjectKeyIdentifier', 'subjectKeyIdentifier').keyIdentifier)], opensslSection(made.leaf, 'X509v3 Subject Key Identifier').lines);
  const aki = valueOf(info, 'authorityKeyIdentifier', 'authorityKeyIdentifier');
  t.deepEqual([colon(aki.keyIdentifier ?? '')], opensslSection(made.leaf, 'X509v3 Authority Key Identifier').lines);
  t.is(aki.keyIdentifier, valueOf(decoded(t, made.intermediate), 'subjectKeyIdentifier', 'subjectKeyIdentifier').keyIdentifier);

  const points = valueOf(info, 'cRLDistributionPoints', 'cRLDistributionPoints').points;
  t.deepEqual(points.flatMap((point) => (point.fullName ?? []).map((name) => `URI:${name.value}`)),
    opensslSection(made.leaf, 'X509v3 CRL Distribution Points').lines.filter((line) => line.startsWith('URI:')));

  const access = valueOf(info, 'authorityInfoAccess', 'informationAccess').descriptions;
  t.deepEqual(access.map((entry) => `${entry.method.name === 'caIssuers' ? 'CA Issuers' : entry.method.name} - URI:${entry.location.value}`),
    opensslSection(made.leaf, 'Authority Information Access').lines);

  const policies = valueOf(info, 'certificatePolicies', 'certificatePolicies').policies;
  t.deepEqual(policies, [
    { oid: '2.23.140.1.2.1', name: 'domain-validated', qualifiers: [] },
    {
      oid: '1.3.6.1.4.1.99999.1',
      qualifiers: [
        { oid: '1.3.6.1.5.5.7.2.1', name: 'CPS', cps: 'https://example.test/cps' },
        { oid: '1.3.6.1.5.5.7.2.2', name: 'userNotice', noticeText: 'Keyhole test notice', noticeOrganization: 'Keyhole Org', noticeNumbers: [1, 2] },
      ],
    },
  ]);
  t.deepEqual(opensslSection(made.leaf, 'X509v3 Certificate Policies').lines, [
    'Policy: 2.23.140.1.2.1', 'Policy: 1.3.6.1.4.1.99999.1', 'CPS: https://example.test/cps', 'User Notice:',
    'Organization: Keyhole Org', 'Numbers: 1, 2', 'Explicit Text: Keyhole test notice',
  ]);
});

withOpenssl('the signed certificate timestamp list decodes as openssl prints it (RFC 6962 3.3)', (t, made) => {
  const timestamps = valueOf(decoded(t, made.leaf), 'signedCertificateTimestampList', 'signedCertificateTimestamps').timestamps;
  const lines = opensslSection(made.leaf, 'CT Precertificate SCTs').lines;
  const logIds: string[] = [];
  lines.forEach((line, index) => {
    if (line.startsWith('Log ID')) logIds.push((line.replace(/^Log ID\s*:\s*/, '') + (lines[index + 1] ?? '')).replace(/:/g, '').toLowerCase());
  });
  t.deepEqual(timestamps.map((sct) => sct.logId), logIds);
  t.deepEqual(timestamps.map((sct) => sct.timestamp), ['2020-01-01T00:00:00.123Z', '2023-11-14T22:13:20Z']);
  t.deepEqual(lines.filter((line) => line.startsWith('Timestamp')), ['Timestamp : Jan  1 00:00:00.123 2020 GMT', 'Timestamp : Nov 14 22:13:20.000 2023 GMT']);
  t.deepEqual(timestamps.map((sct) => [sct.version, sct.extensions, sct.hashAlgorithm, sct.signatureAlgorithm]), [[1, '', 'sha256', 'ecdsa'], [1, '0102', 'sha256', 'rsa']]);
  t.deepEqual(lines.filter((line) => line.startsWith('Signature')), ['Signature : ecdsa-with-SHA256', 'Signature : sha256WithRSAEncryption']);
  t.deepEqual(timestamps.map((sct) => sct.signature), ['3006020101020102', '000102030405060708090a0b0c0d0e0f']);
});

withOpenssl('TLS feature, OCSP no-check, Netscape and issuerAltName extensions decode, and an unknown critical extension keeps its bytes', (t, made) => {
  const info = decoded(t, made.leaf);
  t.deepEqual(valueOf(info, 'tlsFeature', 'tlsFeature').features, [{ value: 5, name: 'status_request' }]);
  t.deepEqual(opensslSection(made.leaf, 'TLS Feature').lines, ['status_request']);
  t.deepEqual(valueOf(info, 'ocspNoCheck', 'presence'), { type: 'presence' });
  t.deepEqual([valueOf(info, 'netscapeComment', 'netscapeComment').comment], opensslSection(made.leaf, 'Netscape Comment').lines);
  t.deepEqual(valueOf(info, 'netscapeCertType', 'netscapeCertType').types, ['sslClient', 'sslServer']);
  t.deepEqual(valueOf(info, 'issuerAltName', 'generalNames').names, [{ type: 'uniformResourceIdentifier', value: 'http://ca.example.test/' }]);
  const unknown = extension(info, '1.2.3.4.5.6.7.8');
  t.true(unknown.critical);
  t.is(unknown.value, undefined);
  t.is(unknown.raw, `0c16${Buffer.from('custom extension value').toString('hex')}`);
  t.deepEqual(info.diagnostics.map((d) => d.code), ['x509.unknown-critical-extension']);
  t.is(info.extensions.filter((candidate) => candidate.diagnostic !== undefined).length, 0);
});

withOpenssl('name, policy and path constraints of the intermediate match openssl', (t, made) => {
  const info = decoded(t, made.intermediate);
  const constraints = valueOf(info, 'nameConstraints', 'nameConstraints');
  t.true(extension(info, 'nameConstraints').critical);
  t.deepEqual(constraints.permitted.map((subtree) => subtree.base), [
    { type: 'dNSName', value: 'example.test' }, { type: 'iPAddress', value: '192.0.2.0/24' },
  ]);
  t.deepEqual(constraints.excluded.map((subtree) => subtree.base), [
    { type: 'dNSName', value: 'bad.example.test' }, { type: 'iPAddress', value: '2001:db8:dead::/48' },
  ]);
  t.deepEqual(opensslSection(made.intermediate, 'X509v3 Name Constraints').lines, [
    'Permitted:', 'DNS:example.test', 'IP:192.0.2.0/255.255.255.0', 'Excluded:', 'DNS:bad.example.test', 'IP:2001:DB8:DEAD:0:0:0:0:0/FFFF:FFFF:FFFF:0:0:0:0:0',
  ]);
  t.deepEqual(valueOf(info, 'policyConstraints', 'policyConstraints'), { type: 'policyConstraints', requireExplicitPolicy: 0, inhibitPolicyMapping: 1 });
  t.deepEqual(opensslSection(made.intermediate, 'X509v3 Policy Constraints').lines, ['Require Explicit Policy:0, Inhibit Policy Mapping:1']);
  t.deepEqual(valueOf(info, 'inhibitAnyPolicy', 'inhibitAnyPolicy'), { type: 'inhibitAnyPolicy', skipCerts: 2 });
  t.deepEqual(valueOf(info, 'policyMappings', 'policyMappings').mappings, [{ issuerDomainPolicy: '1.3.6.1.4.1.99999.1', subjectDomainPolicy: '1.3.6.1.4.1.99999.2' }]);
  t.deepEqual(valueOf(info, 'certificatePolicies', 'certificatePolicies').policies, [{ oid: '2.5.29.32.0', name: 'anyPolicy', qualifiers: [] }]);
  t.deepEqual(info.diagnostics, []);
});

withOpenssl('a version 1 certificate decodes with no extensions and no diagnostics', (t, made) => {
  const info = decoded(t, made.v1);
  t.is(info.version, 1);
  t.deepEqual(info.extensions, []);
  t.deepEqual(info.diagnostics, []);
  t.is(info.subject.rfc4514, 'O=Old Style,CN=Version One');
});

withOpenssl('a subject needing RFC 4514 escaping, UTF-8 and a multi-valued RDN is written as RFC 4514 says, with string types kept', (t, made) => {
  const info = decoded(t, made.special);
  t.is(info.subject.rfc4514,
    'emailAddress=x@example.test,serialNumber=42,CN=a\\,b\\+c\\"d+UID=jdoe,OU=\\ spaced\\ ,O=\\#hash,L=semi\\;colon\\<\\>\\\\back,ST=Ünïcödé Shire,C=GB,DC=example,DC=test');
  const byName = new Map(info.subject.attributes.map((attribute) => [attribute.name, attribute]));
  t.deepEqual(byName.get('ST'), { oid: '2.5.4.8', name: 'ST', value: 'Ünïcödé Shire', stringType: 'utf8String', rdn: 3 });
  t.is(byName.get('C')?.stringType, 'printableString');
  t.is(byName.get('DC')?.stringType, 'ia5String');
  t.is(byName.get('emailAddress')?.stringType, 'ia5String');
  t.is(byName.get('OU')?.value, ' spaced ');
  t.is(byName.get('CN')?.rdn, byName.get('UID')?.rdn);
  t.is(byName.get('UID')?.oid, '0.9.2342.19200300.100.1.1');
});

withOpenssl('validity past 2050 is read from GeneralizedTime', (t, made) => {
  const info = decoded(t, made.special);
  t.true(info.validity.notAfter > '2080');
  // 0x18 is GeneralizedTime; the notAfter's 15-character form follows it.
  const year = info.validity.notAfter.slice(0, 4);
  t.true(Buffer.from(made.special.der).includes(Buffer.from(`\x18\x0f${year}`, 'latin1')));
  t.is(info.validity.notAfter, opensslTime(capture(/notAfter=(.*)/, opensslX509(made.special, ['-enddate']))));
});
