/**
 * TLS extensions (RFC 8446 4.2 and the RFCs of each type): decoded bodies by message, lookup by
 * type and the detail tree. Blocks are read by the message decoders in ../messages.
 */
export type {
  CertificateStatusBody, EchBody, Extension, ExtensionBlock, ExtensionBody, ExtensionContext, KeyShareEntry,
  NamedValue, PskIdentity, ServerName, SignedCertificateTimestamp, StatusRequestBody, TextOpaque,
} from './types.js';
export { extensionTree, extensionsTree, findExtension } from './block.js';
