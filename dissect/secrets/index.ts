/**
 * Public API of the secrets layer: key files, key logs (files and pcapng Decryption Secrets
 * Blocks), --psk, the secret store that decryption asks, and the --keylog-out writer.
 */
export { KeyFileError, SecretInputError } from './errors.js';
export { loadPrivateKeys } from './keys.js';
export type { LoadedPrivateKey } from './keys.js';
export { spkiSha256 } from './spki.js';
export { KEYLOG_LABELS } from './keylog-labels.js';
export type { KeyLogIndex, KeyLogLabel, Tls13SecretName, Tls13Secrets } from './keylog-labels.js';
export { KeyLogParser, MAX_KEYLOG_LINE, parseKeyLog } from './keylog.js';
export type { KeyLogBatch, KeyLogEntry, KeyLogProblem, KeyLogSource } from './keylog.js';
export { readKeyLogFile } from './keylog-file.js';
export { DSB_SECRETS_TYPES, readDecryptionSecrets } from './dsb.js';
export type { DecryptionSecretsBlock, DsbContents } from './dsb.js';
export { MAX_RESUMPTION_ENTRIES, SecretStore } from './store.js';
export type { Found, MasterSecretQuery, PreMasterQuery, SecretSource, SecretStoreOptions, SolvedSession } from './store.js';
export { openKeyLogOut } from './keylog-writer.js';
export type { KeyLogWriter } from './keylog-writer.js';
export { parsePsk } from './psk.js';
