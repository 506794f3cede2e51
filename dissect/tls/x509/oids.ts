/**
 * Object identifier names (RFC 5280 4.1.2.4, 4.2; RFC 3279, 4055, 5480, 5758, 8410; RFC 4519 and
 * X.520 attribute types; CA/Browser Forum Baseline Requirements 7.1.6 policies). Names follow
 * OpenSSL's short names where they exist, so keyhole's output can be compared with
 * `openssl x509 -text`; titles are what `-text` prints as the heading.
 */

export interface OidRow {
  readonly name: string;
  readonly title?: string;
}

/** Signature algorithms of the certificate and of the TBS `signature` field. */
export const SIGNATURE_ALGORITHMS = {
  '1.2.840.113549.1.1.2': { name: 'md2WithRSAEncryption' },
  '1.2.840.113549.1.1.4': { name: 'md5WithRSAEncryption' },
  '1.2.840.113549.1.1.5': { name: 'sha1WithRSAEncryption' },
  '1.2.840.113549.1.1.10': { name: 'rsassaPss' },
  '1.2.840.113549.1.1.11': { name: 'sha256WithRSAEncryption' },
  '1.2.840.113549.1.1.12': { name: 'sha384WithRSAEncryption' },
  '1.2.840.113549.1.1.13': { name: 'sha512WithRSAEncryption' },
  '1.2.840.113549.1.1.14': { name: 'sha224WithRSAEncryption' },
  '1.3.14.3.2.29': { name: 'sha1WithRSA' },
  '1.2.840.10040.4.3': { name: 'dsaWithSHA1' },
  '2.16.840.1.101.3.4.3.1': { name: 'dsa_with_SHA224' },
  '2.16.840.1.101.3.4.3.2': { name: 'dsa_with_SHA256' },
  '1.2.840.10045.4.1': { name: 'ecdsa-with-SHA1' },
  '1.2.840.10045.4.3.1': { name: 'ecdsa-with-SHA224' },
  '1.2.840.10045.4.3.2': { name: 'ecdsa-with-SHA256' },
  '1.2.840.10045.4.3.3': { name: 'ecdsa-with-SHA384' },
  '1.2.840.10045.4.3.4': { name: 'ecdsa-with-SHA512' },
  '1.3.101.112': { name: 'ED25519' },
  '1.3.101.113': { name: 'ED448' },
} as const satisfies Record<string, OidRow>;

/** How to read a key's size from its parameters or key bits (RFC 3279 2.3, RFC 5480, RFC 8410). */
export type KeyShape = 'rsa' | 'dsa' | 'dh' | 'ec' | 'octet-key';

export interface PublicKeyRow extends OidRow {
  readonly shape: KeyShape;
}

export const PUBLIC_KEY_ALGORITHMS = {
  '1.2.840.113549.1.1.1': { name: 'rsaEncryption', shape: 'rsa' },
  '1.2.840.113549.1.1.10': { name: 'rsassaPss', shape: 'rsa' },
  '1.2.840.10040.4.1': { name: 'dsaEncryption', shape: 'dsa' },
  '1.2.840.113549.1.3.1': { name: 'dhKeyAgreement', shape: 'dh' },
  '1.2.840.10046.2.1': { name: 'X9.42 DH', shape: 'dh' },
  '1.2.840.10045.2.1': { name: 'id-ecPublicKey', shape: 'ec' },
  '1.3.101.110': { name: 'X25519', shape: 'octet-key' },
  '1.3.101.111': { name: 'X448', shape: 'octet-key' },
  '1.3.101.112': { name: 'ED25519', shape: 'octet-key' },
  '1.3.101.113': { name: 'ED448', shape: 'octet-key' },
} as const satisfies Record<string, PublicKeyRow>;

export interface CurveRow extends OidRow {
  readonly bits: number;
}

/**
 * Named curves (RFC 5480 2.1.1.1, RFC 5639, RFC 8410 3). `title` is OpenSSL's name, which
 * `-text` prints as "ASN1 OID". RFC 8410 keys have no parameters: their algorithm names the curve.
 */
export const CURVES = {
  '1.2.840.10045.3.1.1': { name: 'P-192', title: 'prime192v1', bits: 192 },
  '1.3.132.0.33': { name: 'P-224', title: 'secp224r1', bits: 224 },
  '1.2.840.10045.3.1.7': { name: 'P-256', title: 'prime256v1', bits: 256 },
  '1.3.132.0.34': { name: 'P-384', title: 'secp384r1', bits: 384 },
  '1.3.132.0.35': { name: 'P-521', title: 'secp521r1', bits: 521 },
  '1.3.132.0.10': { name: 'secp256k1', title: 'secp256k1', bits: 256 },
  '1.3.36.3.3.2.8.1.1.7': { name: 'brainpoolP256r1', title: 'brainpoolP256r1', bits: 256 },
  '1.3.36.3.3.2.8.1.1.11': { name: 'brainpoolP384r1', title: 'brainpoolP384r1', bits: 384 },
  '1.3.36.3.3.2.8.1.1.13': { name: 'brainpoolP512r1', title: 'brainpoolP512r1', bits: 512 },
  '1.3.101.110': { name: 'X25519', bits: 253 },
  '1.3.101.111': { name: 'X448', bits: 448 },
  '1.3.101.112': { name: 'Ed25519', bits: 253 },
  '1.3.101.113': { name: 'Ed448', bits: 456 },
} as const satisfies Record<string, CurveRow>;

/** Digests named inside RSASSA-PSS parameters (RFC 4055 2.1). */
export const HASH_ALGORITHMS = {
  '1.2.840.113549.2.5': { name: 'md5' },
  '1.3.14.3.2.26': { name: 'sha1' },
  '2.16.840.1.101.3.4.2.4': { name: 'sha224' },
  '2.16.840.1.101.3.4.2.1': { name: 'sha256' },
  '2.16.840.1.101.3.4.2.2': { name: 'sha384' },
  '2.16.840.1.101.3.4.2.3': { name: 'sha512' },
  '1.2.840.113549.1.1.8': { name: 'mgf1' },
} as const satisfies Record<string, OidRow>;

/**
 * Attribute types of distinguished names. `name` is the short name RFC 4514 3 and OpenSSL print
 * (RFC 4514 defines only CN, L, ST, O, OU, C, STREET, DC and UID; the rest are OpenSSL's).
 */
export const ATTRIBUTE_TYPES = {
  '2.5.4.3': { name: 'CN', title: 'commonName' },
  '2.5.4.4': { name: 'SN', title: 'surname' },
  '2.5.4.5': { name: 'serialNumber', title: 'serialNumber' },
  '2.5.4.6': { name: 'C', title: 'countryName' },
  '2.5.4.7': { name: 'L', title: 'localityName' },
  '2.5.4.8': { name: 'ST', title: 'stateOrProvinceName' },
  '2.5.4.9': { name: 'street', title: 'streetAddress' },
  '2.5.4.10': { name: 'O', title: 'organizationName' },
  '2.5.4.11': { name: 'OU', title: 'organizationalUnitName' },
  '2.5.4.12': { name: 'title', title: 'title' },
  '2.5.4.13': { name: 'description', title: 'description' },
  '2.5.4.15': { name: 'businessCategory', title: 'businessCategory' },
  '2.5.4.17': { name: 'postalCode', title: 'postalCode' },
  '2.5.4.41': { name: 'name', title: 'name' },
  '2.5.4.42': { name: 'GN', title: 'givenName' },
  '2.5.4.43': { name: 'initials', title: 'initials' },
  '2.5.4.44': { name: 'generationQualifier', title: 'generationQualifier' },
  '2.5.4.45': { name: 'x500UniqueIdentifier', title: 'x500UniqueIdentifier' },
  '2.5.4.46': { name: 'dnQualifier', title: 'dnQualifier' },
  '2.5.4.65': { name: 'pseudonym', title: 'pseudonym' },
  '2.5.4.97': { name: 'organizationIdentifier', title: 'organizationIdentifier' },
  '1.2.840.113549.1.9.1': { name: 'emailAddress', title: 'emailAddress' },
  '1.2.840.113549.1.9.2': { name: 'unstructuredName', title: 'unstructuredName' },
  '0.9.2342.19200300.100.1.1': { name: 'UID', title: 'userId' },
  '0.9.2342.19200300.100.1.25': { name: 'DC', title: 'domainComponent' },
  '1.3.6.1.4.1.311.60.2.1.1': { name: 'jurisdictionL', title: 'jurisdictionLocalityName' },
  '1.3.6.1.4.1.311.60.2.1.2': { name: 'jurisdictionST', title: 'jurisdictionStateOrProvinceName' },
  '1.3.6.1.4.1.311.60.2.1.3': { name: 'jurisdictionC', title: 'jurisdictionCountryName' },
} as const satisfies Record<string, OidRow>;

/** Certificate extensions (RFC 5280 4.2 and others named per row). */
export const EXTENSIONS = {
  '2.5.29.9': { name: 'subjectDirectoryAttributes', title: 'X509v3 Subject Directory Attributes' },
  '2.5.29.14': { name: 'subjectKeyIdentifier', title: 'X509v3 Subject Key Identifier' },
  '2.5.29.15': { name: 'keyUsage', title: 'X509v3 Key Usage' },
  '2.5.29.16': { name: 'privateKeyUsagePeriod', title: 'X509v3 Private Key Usage Period' },
  '2.5.29.17': { name: 'subjectAltName', title: 'X509v3 Subject Alternative Name' },
  '2.5.29.18': { name: 'issuerAltName', title: 'X509v3 Issuer Alternative Name' },
  '2.5.29.19': { name: 'basicConstraints', title: 'X509v3 Basic Constraints' },
  '2.5.29.30': { name: 'nameConstraints', title: 'X509v3 Name Constraints' },
  '2.5.29.31': { name: 'cRLDistributionPoints', title: 'X509v3 CRL Distribution Points' },
  '2.5.29.32': { name: 'certificatePolicies', title: 'X509v3 Certificate Policies' },
  '2.5.29.33': { name: 'policyMappings', title: 'X509v3 Policy Mappings' },
  '2.5.29.35': { name: 'authorityKeyIdentifier', title: 'X509v3 Authority Key Identifier' },
  '2.5.29.36': { name: 'policyConstraints', title: 'X509v3 Policy Constraints' },
  '2.5.29.37': { name: 'extendedKeyUsage', title: 'X509v3 Extended Key Usage' },
  '2.5.29.46': { name: 'freshestCRL', title: 'X509v3 Freshest CRL' },
  '2.5.29.54': { name: 'inhibitAnyPolicy', title: 'X509v3 Inhibit Any Policy' },
  '1.3.6.1.5.5.7.1.1': { name: 'authorityInfoAccess', title: 'Authority Information Access' },
  '1.3.6.1.5.5.7.1.11': { name: 'subjectInfoAccess', title: 'Subject Information Access' },
  '1.3.6.1.5.5.7.1.24': { name: 'tlsFeature', title: 'TLS Feature' },
  '1.3.6.1.5.5.7.48.1.5': { name: 'ocspNoCheck', title: 'OCSP No Check' },
  '1.3.6.1.4.1.11129.2.4.2': { name: 'signedCertificateTimestampList', title: 'CT Precertificate SCTs' },
  '1.3.6.1.4.1.11129.2.4.3': { name: 'ctPrecertificatePoison', title: 'CT Precertificate Poison' },
  '2.16.840.1.113730.1.1': { name: 'netscapeCertType', title: 'Netscape Cert Type' },
  '2.16.840.1.113730.1.13': { name: 'netscapeComment', title: 'Netscape Comment' },
  '1.3.6.1.4.1.311.20.2': { name: 'msCertificateTemplateName', title: 'Microsoft Certificate Template Name' },
  '1.3.6.1.4.1.311.21.7': { name: 'msCertificateTemplate', title: 'Microsoft Certificate Template' },
  '1.3.6.1.4.1.311.21.10': { name: 'msApplicationPolicies', title: 'Microsoft Application Policies' },
} as const satisfies Record<string, OidRow>;

/** Key purposes of extendedKeyUsage (RFC 5280 4.2.1.12 and vendor arcs). */
export const KEY_PURPOSES = {
  '2.5.29.37.0': { name: 'anyExtendedKeyUsage', title: 'Any Extended Key Usage' },
  '1.3.6.1.5.5.7.3.1': { name: 'serverAuth', title: 'TLS Web Server Authentication' },
  '1.3.6.1.5.5.7.3.2': { name: 'clientAuth', title: 'TLS Web Client Authentication' },
  '1.3.6.1.5.5.7.3.3': { name: 'codeSigning', title: 'Code Signing' },
  '1.3.6.1.5.5.7.3.4': { name: 'emailProtection', title: 'E-mail Protection' },
  '1.3.6.1.5.5.7.3.5': { name: 'ipsecEndSystem', title: 'IPSec End System' },
  '1.3.6.1.5.5.7.3.6': { name: 'ipsecTunnel', title: 'IPSec Tunnel' },
  '1.3.6.1.5.5.7.3.7': { name: 'ipsecUser', title: 'IPSec User' },
  '1.3.6.1.5.5.7.3.8': { name: 'timeStamping', title: 'Time Stamping' },
  '1.3.6.1.5.5.7.3.9': { name: 'OCSPSigning', title: 'OCSP Signing' },
  '1.3.6.1.5.5.7.3.17': { name: 'ipsecIKE', title: 'ipsec Internet Key Exchange' },
  '1.3.6.1.4.1.311.10.3.3': { name: 'msSGC', title: 'Microsoft Server Gated Crypto' },
  '1.3.6.1.4.1.311.10.3.4': { name: 'msEFS', title: 'Microsoft Encrypted File System' },
  '1.3.6.1.4.1.311.20.2.2': { name: 'msSmartcardLogin', title: 'Microsoft Smartcard Login' },
  '2.16.840.1.113730.4.1': { name: 'nsSGC', title: 'Netscape Server Gated Crypto' },
} as const satisfies Record<string, OidRow>;

/** Certificate policies (RFC 5280 4.2.1.4; CA/B Forum BR 7.1.6.1; EV Guidelines 9.3.2). */
export const POLICIES = {
  '2.5.29.32.0': { name: 'anyPolicy', title: 'X509v3 Any Policy' },
  '2.23.140.1.1': { name: 'extended-validation' },
  '2.23.140.1.2.1': { name: 'domain-validated' },
  '2.23.140.1.2.2': { name: 'organization-validated' },
  '2.23.140.1.2.3': { name: 'individual-validated' },
  '2.23.140.1.3': { name: 'extended-validation-codesigning' },
  '2.23.140.1.4.1': { name: 'codesigning' },
  '1.3.6.1.4.1.44947.1.1.1': { name: 'ISRG Domain Validated' },
} as const satisfies Record<string, OidRow>;

/** Policy qualifier types (RFC 5280 4.2.1.4). */
export const POLICY_QUALIFIERS = {
  '1.3.6.1.5.5.7.2.1': { name: 'CPS' },
  '1.3.6.1.5.5.7.2.2': { name: 'userNotice', title: 'User Notice' },
} as const satisfies Record<string, OidRow>;

/** Access methods of authorityInfoAccess and subjectInfoAccess (RFC 5280 4.2.2.1, 4.2.2.2). */
export const ACCESS_METHODS = {
  '1.3.6.1.5.5.7.48.1': { name: 'OCSP' },
  '1.3.6.1.5.5.7.48.2': { name: 'caIssuers', title: 'CA Issuers' },
  '1.3.6.1.5.5.7.48.3': { name: 'timeStamping', title: 'Time Stamping' },
  '1.3.6.1.5.5.7.48.5': { name: 'caRepository', title: 'CA Repository' },
} as const satisfies Record<string, OidRow>;

/** type-id of otherName alternative names (RFC 4985, RFC 6120 13.7.1.4, RFC 8398, Microsoft UPN). */
export const OTHER_NAME_TYPES = {
  '1.3.6.1.4.1.311.20.2.3': { name: 'UPN', title: 'Microsoft User Principal Name' },
  '1.3.6.1.5.5.7.8.5': { name: 'xmppAddr' },
  '1.3.6.1.5.5.7.8.7': { name: 'SRVName' },
  '1.3.6.1.5.5.7.8.9': { name: 'SmtpUTF8Mailbox' },
} as const satisfies Record<string, OidRow>;

/** A table's row for a dotted OID read off the wire (tables are open: unknown OIDs are normal). */
export function lookupOid<Row>(table: Readonly<Record<string, Row>>, oid: string): Row | undefined {
  return table[oid];
}

/** The row's name, or the dotted OID itself when the table does not know it. */
export function oidName(table: Readonly<Record<string, OidRow>>, oid: string): string {
  return table[oid]?.name ?? oid;
}

/** The row's heading (falling back to its name), or the dotted OID. */
export function oidTitle(table: Readonly<Record<string, OidRow>>, oid: string): string {
  const row = table[oid];
  return row?.title ?? row?.name ?? oid;
}
