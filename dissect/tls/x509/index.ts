/** X.509 for keyhole (RFC 5280): decode certificates, check chains as a client would, show them. */
export { decodeCertificate } from './certificate.js';
export { checkChain, chainDiagnostics, type ChainCertificate, type ChainCheck, type ChainCheckKind, type ChainOptions } from './chain.js';
export { certificateTree } from './tree.js';
export { bundledTrustStore, createTrustStore, type TrustAnchor, type TrustStore } from './trust-store.js';
export { matchServerName, matchesDnsName } from './server-name.js';
export { sameName } from './name-match.js';
export type * from './types.js';
