/**
 * The TLS registries (IANA "Transport Layer Security (TLS) Parameters" and "TLS Extensions"), one
 * import for every layer that prints or decides on a wire value. Every name function is total:
 * unassigned values print as hex ("0x1234"), RFC 8701 GREASE values as "GREASE (0x1a1a)".
 */
export type {
  Authentication, BulkCipher, CipherMode, CipherSuiteInfo, KeyExchange, MacAlgorithm, PrfHash,
} from './types.js';
export { CIPHER_SUITES, cipherSuite, cipherSuiteName } from './cipher-suites.js';
export { ProtocolVersion, draftNumber, isKnownRecordVersion, isTls13Draft, versionName } from './versions.js';
export { HandshakeType, type HandshakeTypeValue, handshakeTypeName, handshakeTypeTitle } from './handshake-types.js';
export { ContentType, type ContentTypeValue, contentTypeName } from './content-types.js';
export {
  AlertDescription, type AlertDescriptionValue, AlertLevel, alertDescriptionName, alertLevelName,
} from './alerts.js';
export { ExtensionType, type ExtensionTypeValue, extensionName } from './extensions.js';
export { groupName } from './groups.js';
export { hashAlgorithmName, signatureAlgorithmName, signatureSchemeName } from './signature-schemes.js';
export {
  certificateCompressionAlgorithmName, certificateStatusTypeName, ecPointFormatName, nameTypeName,
  pskKeyExchangeModeName,
} from './extension-fields.js';
export {
  clientCertificateTypeName, compressionMethodName, heartbeatMessageTypeName, keyUpdateRequestName,
} from './message-fields.js';
/** True for a GREASE value of any 16-bit registry. */
export { isGrease16 as isGrease } from './grease.js';
