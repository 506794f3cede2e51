/**
 * Certificate fields, named as Wireshark 4.0's X.509 dissectors name them (RFC 5280 4.1.2.4,
 * 4.1.2.6, 4.2.1.6): every issuer and subject attribute value appears under the field of its
 * ASN.1 string type (x509sat.printableString, x509sat.uTF8String, ...), except countryName which
 * Wireshark files under x509sat.CountryName; subjectAltName DNS names are x509ce.dNSName.
 * 4.0 has no per-attribute field such as a commonName: filter with `x509sat.uTF8String == "..."`
 * or `x509sat.printableString contains "..."`.
 */
import type { CertificateInfo, StringType } from '../../tls/x509/types.js';
import type { FieldSpec, FieldTable } from './spec.js';

const COUNTRY_NAME = '2.5.4.6';

function attributes(stringType: StringType): FieldSpec<CertificateInfo> {
  return {
    type: 'string',
    values: (c) =>
      [...c.issuer.attributes, ...c.subject.attributes]
        .filter((a) => a.stringType === stringType && a.oid !== COUNTRY_NAME)
        .map((a) => a.value),
  };
}

export const CERTIFICATE_FIELDS = {
  'x509sat.printableString': attributes('printableString'),
  'x509sat.uTF8String': attributes('utf8String'),
  'x509sat.IA5String': attributes('ia5String'),
  'x509sat.teletexString': attributes('teletexString'),
  'x509sat.CountryName': {
    type: 'string',
    values: (c) => [...c.issuer.attributes, ...c.subject.attributes].filter((a) => a.oid === COUNTRY_NAME).map((a) => a.value),
  },
  'x509ce.dNSName': {
    type: 'string',
    values: (c) =>
      c.extensions.flatMap((e) => (e.value?.type === 'generalNames' && e.oid === '2.5.29.17' ? e.value.names.filter((n) => n.type === 'dNSName').map((n) => n.value) : [])),
  },
} as const satisfies FieldTable<CertificateInfo>;
