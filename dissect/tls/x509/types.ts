/**
 * RFC 5280 4.1: what keyhole reports about a certificate. Everything is plain JSON data (byte
 * values as lowercase hex without separators) so the CLI's --json, the terminal UI and tests read
 * the same thing.
 */
import type { Diagnostic } from '../../diagnostics.js';

export interface AlgorithmInfo {
  readonly oid: string;
  readonly name: string;
  /** RSASSA-PSS parameters (RFC 4055 3.1), with the RFC's defaults filled in. */
  readonly pss?: PssParameters;
}

export interface PssParameters {
  readonly hash: string;
  readonly maskGeneration: string;
  readonly saltLength: number;
}

/** ASN.1 string types a directory attribute can be written in (X.520 DirectoryString, PKCS#9). */
export type StringType =
  | 'printableString' | 'utf8String' | 'ia5String' | 'teletexString' | 'bmpString'
  | 'universalString' | 'numericString' | 'visibleString' | 'der';

export interface NameAttribute {
  readonly oid: string;
  /** Short name ("CN", "O", "emailAddress", ...) or the dotted OID when unknown. */
  readonly name: string;
  /** The text, or "#" + hex of the DER encoding when it is not a string (RFC 4514 2.4). */
  readonly value: string;
  readonly stringType: StringType;
  /** Index of the RDN in encoded order; attributes sharing it form one multi-valued RDN. */
  readonly rdn: number;
}

export interface DistinguishedName {
  /** RFC 4514 form: most specific RDN first, "," between RDNs, "+" inside one. */
  readonly rfc4514: string;
  /** In encoded order (least specific first, as `openssl x509 -text` prints). */
  readonly attributes: readonly NameAttribute[];
}

export interface Validity {
  readonly notBefore: string;
  readonly notAfter: string;
}

export interface RsaKey {
  readonly modulus: string;
  /** A number, or hex when it does not fit one exactly. */
  readonly exponent: number | string;
}

export interface PublicKeyInfo {
  readonly algorithm: AlgorithmInfo;
  /** Bits: of the modulus (RSA), of p (DSA, DH), of the field (EC, RFC 8410 curves). */
  readonly keySize?: number;
  /** Named curve for EC keys ("P-256"); the algorithm itself for RFC 8410 keys ("Ed25519"). */
  readonly curve?: string;
  readonly rsa?: RsaKey;
  /** The subjectPublicKey BIT STRING's bytes. */
  readonly publicKey: string;
  /** SHA-256 over the DER SubjectPublicKeyInfo: matches a private key to its certificate. */
  readonly spkiSha256: string;
}

export type GeneralNameType =
  | 'otherName' | 'rfc822Name' | 'dNSName' | 'x400Address' | 'directoryName' | 'ediPartyName'
  | 'uniformResourceIdentifier' | 'iPAddress' | 'registeredID';

export interface GeneralNameInfo {
  readonly type: GeneralNameType;
  /**
   * Text: addresses as text (IPv6 in RFC 5952 form, "addr/prefix" in name constraints),
   * directory names in RFC 4514 form, otherName as its string value or hex of its DER.
   */
  readonly value: string;
  /** type-id of an otherName. */
  readonly oid?: string;
  /** Name of the otherName type-id where known ("UPN", "xmppAddr"). */
  readonly otherNameType?: string;
}

export interface OidName {
  readonly oid: string;
  readonly name: string;
}

export interface PolicyQualifierInfo {
  readonly oid: string;
  readonly name: string;
  /** CPS pointer (id-qt-cps). */
  readonly cps?: string;
  /** User notice (id-qt-unotice). */
  readonly noticeText?: string;
  readonly noticeOrganization?: string;
  readonly noticeNumbers?: readonly number[];
  /** Hex of a qualifier keyhole does not decode. */
  readonly raw?: string;
}

export interface PolicyInfo {
  readonly oid: string;
  readonly name?: string;
  readonly qualifiers: readonly PolicyQualifierInfo[];
}

export interface DistributionPointInfo {
  readonly fullName?: readonly GeneralNameInfo[];
  readonly nameRelativeToCRLIssuer?: string;
  readonly reasons?: readonly string[];
  readonly cRLIssuer?: readonly GeneralNameInfo[];
}

export interface AccessDescriptionInfo {
  readonly method: OidName;
  readonly location: GeneralNameInfo;
}

export interface GeneralSubtreeInfo {
  readonly base: GeneralNameInfo;
  readonly minimum: number;
  readonly maximum?: number;
}

/** RFC 6962 3.2, 3.3: one entry of the SignedCertificateTimestampList. */
export interface SctInfo {
  readonly version: number;
  readonly logId: string;
  readonly timestamp: string;
  readonly extensions: string;
  readonly hashAlgorithm: string;
  readonly signatureAlgorithm: string;
  readonly signature: string;
}

export interface NamedValue {
  readonly value: number;
  readonly name: string;
}

/**
 * Decoded extension bodies, keyed by `type`. One map so that renderers can be a table over the
 * same keys (see ExtensionValue and the tree).
 */
export interface ExtensionValueMap {
  generalNames: { readonly names: readonly GeneralNameInfo[] };
  keyUsage: { readonly usages: readonly string[] };
  extendedKeyUsage: { readonly purposes: readonly OidName[] };
  basicConstraints: { readonly ca: boolean; readonly pathLength?: number };
  authorityKeyIdentifier: {
    readonly keyIdentifier?: string;
    readonly authorityCertIssuer?: readonly GeneralNameInfo[];
    readonly authorityCertSerialNumber?: string;
  };
  subjectKeyIdentifier: { readonly keyIdentifier: string };
  cRLDistributionPoints: { readonly points: readonly DistributionPointInfo[] };
  informationAccess: { readonly descriptions: readonly AccessDescriptionInfo[] };
  certificatePolicies: { readonly policies: readonly PolicyInfo[] };
  policyMappings: { readonly mappings: readonly { readonly issuerDomainPolicy: string; readonly subjectDomainPolicy: string }[] };
  signedCertificateTimestamps: { readonly timestamps: readonly SctInfo[] };
  nameConstraints: { readonly permitted: readonly GeneralSubtreeInfo[]; readonly excluded: readonly GeneralSubtreeInfo[] };
  policyConstraints: { readonly requireExplicitPolicy?: number; readonly inhibitPolicyMapping?: number };
  inhibitAnyPolicy: { readonly skipCerts: number };
  /** Extensions whose presence is the whole message (OCSP no-check, CT poison): a NULL body. */
  presence: Record<never, never>;
  tlsFeature: { readonly features: readonly NamedValue[] };
  netscapeCertType: { readonly types: readonly string[] };
  netscapeComment: { readonly comment: string };
}

export type ExtensionValueType = keyof ExtensionValueMap;

export type ExtensionValue<K extends ExtensionValueType = ExtensionValueType> = {
  [P in K]: { readonly type: P } & ExtensionValueMap[P];
}[K];

export interface ExtensionInfo {
  readonly oid: string;
  /** Name from the extension table, or the dotted OID. */
  readonly name: string;
  readonly critical: boolean;
  readonly value?: ExtensionValue;
  /** Hex of extnValue's content, kept when the extension is unknown or did not decode. */
  readonly raw?: string;
  readonly diagnostic?: Diagnostic;
}

export interface CertificateInfo {
  /** 1, 2 or 3 (the wire value plus one). */
  readonly version: number;
  readonly serialNumber: string;
  /** The TBS `signature` field (RFC 5280 4.1.2.3). */
  readonly signatureAlgorithm: AlgorithmInfo;
  readonly issuer: DistinguishedName;
  readonly validity: Validity;
  readonly subject: DistinguishedName;
  readonly subjectPublicKeyInfo: PublicKeyInfo;
  readonly issuerUniqueId?: string;
  readonly subjectUniqueId?: string;
  readonly extensions: readonly ExtensionInfo[];
  /** The outer signatureAlgorithm and signatureValue (RFC 5280 4.1.1.2, 4.1.1.3). */
  readonly signature: { readonly algorithm: AlgorithmInfo; readonly value: string };
  readonly fingerprints: { readonly sha1: string; readonly sha256: string };
  readonly derLength: number;
  /** Everything odd about the certificate, including each extension's own diagnostic. */
  readonly diagnostics: readonly Diagnostic[];
}
