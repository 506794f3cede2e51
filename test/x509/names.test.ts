import test from 'ava';
import { readdirSync, readFileSync } from 'node:fs';
import { rootCertificates } from 'node:tls';
import { X509Certificate } from 'node:crypto';
import { decodeName } from '../../dissect/tls/x509/names.js';
import { nameKey, nameKeyOfDer, sameName } from '../../dissect/tls/x509/name-match.js';
import { locateTbsFields } from '../../dissect/tls/x509/tbs-fields.js';
import { repoPath } from '../helpers/shared.js';
import type { DistinguishedName } from '../../dissect/tls/x509/types.js';
import { ATTRIBUTE, attribute, name, STRING_TAG, text, tlv } from './der-build.js';

function decode(der: Uint8Array): DistinguishedName {
  const decoded = decodeName(der);
  if (decoded === undefined) throw new Error('the name did not decode');
  return decoded;
}

const dc = (value: string): Uint8Array => attribute(ATTRIBUTE.DC, text(STRING_TAG.ia5, value));
const cn = (value: string, tag: number = STRING_TAG.utf8): Uint8Array => attribute(ATTRIBUTE.CN, text(tag, value));

// RFC 4514 section 4, "Examples": each DN is built in encoded order (least specific RDN first).
test('the RFC 4514 section 4 examples are written back as the RFC writes them', (t) => {
  t.is(decode(name([dc('net')], [dc('example')], [attribute(ATTRIBUTE.UID, text(STRING_TAG.utf8, 'jsmith'))])).rfc4514, 'UID=jsmith,DC=example,DC=net');
  t.is(decode(name([dc('net')], [dc('example')], [attribute(ATTRIBUTE.OU, text(STRING_TAG.utf8, 'Sales')), cn('J.  Smith')])).rfc4514,
    'OU=Sales+CN=J.  Smith,DC=example,DC=net');
  t.is(decode(name([dc('net')], [dc('example')], [cn('James "Jim" Smith, III')])).rfc4514, 'CN=James \\"Jim\\" Smith\\, III,DC=example,DC=net');
  t.is(decode(name([dc('net')], [dc('example')], [cn('Before\rAfter')])).rfc4514, 'CN=Before\\0dAfter,DC=example,DC=net');
  t.is(decode(name([dc('com')], [dc('example')], [attribute('1.3.6.1.4.1.1466.0', tlv(0x04, [0x48, 0x69]))])).rfc4514,
    '1.3.6.1.4.1.1466.0=#04024869,DC=example,DC=com');
  // RFC 4514 writes "CN=Lu\C4\8Di\C4\87"; section 2.4 lets UTF-8 stand unescaped, which keyhole does.
  t.is(decode(name([cn('Lučić')])).rfc4514, 'CN=Lučić');
});

test('leading and trailing spaces, a leading number sign and the other special characters are escaped', (t) => {
  t.is(decode(name([cn(' #lead; <x> + y = z\\ ')])).rfc4514, 'CN=\\ #lead\\; \\<x\\> \\+ y = z\\\\\\ ');
  t.is(decode(name([cn('#hash')])).rfc4514, 'CN=\\#hash');
  t.is(decode(name([cn('mid#hash')])).rfc4514, 'CN=mid#hash');
});

test('BMP, Universal and Teletex strings decode, including characters beyond the BMP', (t) => {
  const bmp = attribute(ATTRIBUTE.O, tlv(STRING_TAG.bmp, [0x00, 0x41, 0x00, 0xe9, 0xd8, 0x3d, 0xde, 0x00]));
  const universal = attribute(ATTRIBUTE.OU, tlv(STRING_TAG.universal, [0, 0, 0, 0x41, 0, 1, 0xf6, 0x00]));
  const teletex = attribute(ATTRIBUTE.CN, tlv(STRING_TAG.teletex, [0x43, 0x61, 0x66, 0xe9]));
  const decoded = decode(name([bmp], [universal], [teletex]));
  t.deepEqual(decoded.attributes.map((a) => [a.name, a.value, a.stringType]), [
    ['O', 'Aé😀', 'bmpString'],
    ['OU', 'A😀', 'universalString'],
    ['CN', 'Café', 'teletexString'],
  ]);
  t.is(decoded.rfc4514, 'CN=Café,OU=A😀,O=Aé😀');
});

test('a value that is not a string is kept as #hex of its DER with string type der', (t) => {
  const decoded = decode(name([attribute(ATTRIBUTE.CN, tlv(0x02, [0x05]))]));
  t.deepEqual(decoded.attributes, [{ oid: '2.5.4.3', name: 'CN', value: '#020105', stringType: 'der', rdn: 0 }]);
  t.is(decoded.rfc4514, 'CN=#020105');
});

test('bytes that are not a Name give no name rather than a throw', (t) => {
  t.is(decodeName(Uint8Array.of(0x30, 0x03, 0x31, 0x01, 0x30)), undefined);
  t.is(decodeName(Uint8Array.of(0x31, 0x00)), undefined);
  t.is(decodeName(name([])), undefined);
  t.deepEqual(decodeName(name())?.attributes, []);
});

test('names compare case-insensitively with white space folded, whatever string type they use (RFC 5280 7.1)', (t) => {
  const printable = decode(name([attribute(ATTRIBUTE.C, text(STRING_TAG.printable, 'GB'))], [attribute(ATTRIBUTE.O, text(STRING_TAG.printable, 'Example  Ltd'))]));
  const utf8 = decode(name([attribute(ATTRIBUTE.C, text(STRING_TAG.printable, 'gb'))], [attribute(ATTRIBUTE.O, text(STRING_TAG.utf8, ' example ltd '))]));
  t.true(sameName(printable, utf8));
  const other = decode(name([attribute(ATTRIBUTE.C, text(STRING_TAG.printable, 'GB'))], [attribute(ATTRIBUTE.O, text(STRING_TAG.utf8, 'Example Ltd.'))]));
  t.false(sameName(printable, other));
});

test('members of a multi-valued RDN compare in any order, but RDNs must keep theirs', (t) => {
  const ou = attribute(ATTRIBUTE.OU, text(STRING_TAG.utf8, 'Sales'));
  const common = cn('J. Smith');
  t.true(sameName(decode(name([ou, common])), decode(name([common, ou]))));
  t.false(sameName(decode(name([ou], [common])), decode(name([common], [ou]))));
  t.false(sameName(decode(name([ou, common])), decode(name([ou], [common]))));
});

test('every truncated prefix of a name gives no name, never a throw', (t) => {
  const subject = name([dc('net')], [dc('example')], [attribute(ATTRIBUTE.OU, text(STRING_TAG.utf8, 'Sales')), cn('J. Smith')]);
  for (let length = 0; length < subject.length; length++) t.is(decodeName(subject.subarray(0, length)), undefined, `prefix of ${length} bytes`);
  t.is(decode(subject).rfc4514, 'OU=Sales+CN=J. Smith,DC=example,DC=net');
});

test('the name key read straight from the DER is the key of the decoded name, and missing where it would not decode', (t) => {
  const data = repoPath('test/x509/data');
  const certificates = [
    ...rootCertificates.map((pem) => new Uint8Array(new X509Certificate(pem).raw)),
    ...readdirSync(data).filter((file) => file.endsWith('.der')).map((file) => new Uint8Array(readFileSync(`${data}/${file}`))),
  ];
  const names = certificates.flatMap((der) => {
    const fields = locateTbsFields(der);
    return fields === undefined ? [] : [fields.subject.encoding, fields.issuer.encoding];
  });
  const handBuilt = [
    name([dc('net')], [dc('example')], [attribute(ATTRIBUTE.OU, text(STRING_TAG.utf8, ' Sales  Dept ')), cn('J. Smith')]),
    name([attribute(ATTRIBUTE.CN, tlv(0x02, [0x05]))], [attribute('1.3.6.1.4.1.1466.0', text(STRING_TAG.bmp, 'x'))]),
    name([cn('ＡＢＣ', STRING_TAG.utf8), cn('#lead', STRING_TAG.teletex)]),
    name(),
  ];
  t.true(names.length > 250);
  for (const [index, encoding] of [...names, ...handBuilt].entries()) {
    const decoded = decodeName(encoding);
    if (decoded === undefined) throw new Error(`name ${index} did not decode`);
    t.is(nameKeyOfDer(encoding), nameKey(decoded), `name ${index}`);
  }
  const subject = handBuilt[0] ?? new Uint8Array();
  for (let length = 0; length < subject.length; length++) t.is(nameKeyOfDer(subject.subarray(0, length)), undefined, `prefix of ${length} bytes`);
  t.is(nameKeyOfDer(name([])), undefined);
});
