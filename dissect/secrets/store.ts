/**
 * The secret store: every secret keyhole was given or learnt, and the one place where the order
 * of lookups is written down. Every answer says where it came from, for the decryption verdict.
 *
 * TLS 1.2 and earlier (SSL 3.0 too; RFC 5246 8.1, RFC 5077 3.4):
 *   masterSecretFor({clientRandom, sessionId, ticket})
 *     1. key log CLIENT_RANDOM line, by client random (key log file or Decryption Secrets Block)
 *     2. key log "RSA Session-ID:<id> Master-Key:<secret>" line, by session id
 *     3. resumption cache, by client random (this very handshake, already solved earlier in the run)
 *     4. resumption cache, by session id (an abbreviated handshake resuming an earlier session)
 *     5. resumption cache, by session ticket
 *   preMasterFor({clientRandom, encryptedPreMasterPrefix}), when no master secret was found:
 *     6. key log PMS_CLIENT_RANDOM line, by client random
 *     7. key log RSA line, by the first 8 bytes of the encrypted pre-master secret
 *   rsaKeyFor(spkiSha256), when there is no pre-master either:
 *     8. the RSA key whose public key is the server certificate's; the caller decrypts with it
 *   psks(), for PSK key exchanges (RFC 4279):
 *     9. the --psk values, in the order given
 * TLS 1.3 (RFC 8446 7.1): tls13SecretsFor(clientRandom) from key log lines only, since nothing
 * else (no server key, no PSK without its handshake) yields the traffic secrets.
 *
 * Within the key log the last line for an id wins, as in Wireshark; secrets a Decryption Secrets
 * Block brings mid-capture are seen by every lookup after it is added.
 */
import { createHash } from 'node:crypto';
import { equalBytes, hex } from '../bytes.js';
import type { Diagnostic } from '../diagnostics.js';
import { readDecryptionSecrets } from './dsb.js';
import type { DecryptionSecretsBlock } from './dsb.js';
import { TLS13_SECRET_LABELS } from './keylog-labels.js';
import type { KeyLogLabel, Tls13SecretName, Tls13Secrets } from './keylog-labels.js';
import { parseKeyLog } from './keylog.js';
import type { KeyLogEntry, KeyLogProblem, KeyLogSource } from './keylog.js';
import type { LoadedPrivateKey } from './keys.js';

export type SecretSource = 'rsa-key' | 'keylog' | 'psk' | 'dsb' | 'resumed-session';

/** A lookup's answer. `detail` says exactly where, for people, and never holds secret material. */
export interface Found<T> {
  readonly value: T;
  readonly source: SecretSource;
  readonly detail: string;
  /** For 'resumed-session': where the secret of the session first came from. */
  readonly origin?: string;
}

export interface MasterSecretQuery {
  readonly clientRandom?: Uint8Array;
  /** The ServerHello's session id (an echo of the ClientHello's when the server resumes). */
  readonly sessionId?: Uint8Array;
  /** The session ticket the client offered (RFC 5077 3.4). */
  readonly ticket?: Uint8Array;
}

export interface PreMasterQuery {
  readonly clientRandom?: Uint8Array;
  /** The encrypted pre-master secret of the ClientKeyExchange; only its first 8 bytes are used. */
  readonly encryptedPreMasterPrefix?: Uint8Array;
}

export interface SolvedSession {
  readonly clientRandom: Uint8Array;
  readonly sessionId?: Uint8Array;
  /** A ticket the server issued for this session (NewSessionTicket) or the client offered. */
  readonly ticket?: Uint8Array;
  readonly masterSecret: Found<Uint8Array>;
}

type CacheIndex = 'client-random' | 'session-id' | 'ticket';

/** Default bound of the resumption cache (one entry per index per handshake); the oldest go first. */
export const MAX_RESUMPTION_ENTRIES = 100_000;

/** RSA lines are keyed by the first 8 bytes of the encrypted pre-master (Wireshark's choice). */
const ENCRYPTED_PRE_MASTER_PREFIX_BYTES = 8;

export interface SecretStoreOptions {
  readonly maxResumptionEntries?: number;
}

export class SecretStore {
  private readonly maxResumptionEntries: number;
  private readonly keyLog = new Map<string, KeyLogEntry>();
  private readonly resumption = new Map<string, Found<Uint8Array>>();
  private readonly rsaKeys = new Map<string, LoadedPrivateKey>();
  private readonly matchedKeys = new Set<string>();
  private readonly preSharedKeys: Uint8Array[] = [];

  constructor(options: SecretStoreOptions = {}) {
    this.maxResumptionEntries = options.maxResumptionEntries ?? MAX_RESUMPTION_ENTRIES;
  }

  addRsaKeys(keys: readonly LoadedPrivateKey[]): void {
    for (const key of keys) if (!this.rsaKeys.has(key.spkiSha256)) this.rsaKeys.set(key.spkiSha256, key);
  }

  addPsk(psk: Uint8Array): void {
    if (!this.preSharedKeys.some((known) => equalBytes(known, psk))) this.preSharedKeys.push(psk);
  }

  addKeyLogEntries(entries: readonly KeyLogEntry[]): void {
    for (const entry of entries) this.keyLog.set(keyLogIndex(entry.label, entry.key), entry);
  }

  /** Key log text from a file or a Decryption Secrets Block; returns the lines that did not parse. */
  addKeyLogText(text: string | Uint8Array, source: KeyLogSource): readonly KeyLogProblem[] {
    const batch = parseKeyLog(text, source);
    this.addKeyLogEntries(batch.entries);
    return batch.problems;
  }

  /** A pcapng Decryption Secrets Block; returns what to report (bad lines, unused types). */
  addDecryptionSecrets(block: DecryptionSecretsBlock): readonly Diagnostic[] {
    const contents = readDecryptionSecrets(block);
    if (contents.kind === 'unused') return [contents.diagnostic];
    this.addKeyLogEntries(contents.batch.entries);
    return contents.batch.problems.map((problem) => problem.diagnostic);
  }

  masterSecretFor(query: MasterSecretQuery): Found<Uint8Array> | undefined {
    return (
      this.fromKeyLog('CLIENT_RANDOM', query.clientRandom) ??
      this.fromKeyLog('RSA Session-ID', query.sessionId) ??
      this.fromCache('client-random', query.clientRandom) ??
      this.resumed('session-id', query.sessionId) ??
      this.resumed('ticket', query.ticket)
    );
  }

  preMasterFor(query: PreMasterQuery): Found<Uint8Array> | undefined {
    return (
      this.fromKeyLog('PMS_CLIENT_RANDOM', query.clientRandom) ??
      this.fromKeyLog('RSA', query.encryptedPreMasterPrefix?.subarray(0, ENCRYPTED_PRE_MASTER_PREFIX_BYTES))
    );
  }

  /** The RSA key for a server certificate's public key; the key is then counted as matched. */
  rsaKeyFor(spkiSha256: string): Found<LoadedPrivateKey> | undefined {
    const key = this.rsaKeys.get(spkiSha256);
    if (key === undefined) return undefined;
    this.matchedKeys.add(spkiSha256);
    return { value: key, source: 'rsa-key', detail: `the RSA key in ${key.file}` };
  }

  /** Every RSA key given, for a session whose certificate was not captured (each is tried in turn). */
  allRsaKeys(): readonly LoadedPrivateKey[] {
    return [...this.rsaKeys.values()];
  }

  /** Keys no certificate in the capture asked for, so the CLI can say so. */
  unmatchedKeys(): readonly LoadedPrivateKey[] {
    return [...this.rsaKeys.values()].filter((key) => !this.matchedKeys.has(key.spkiSha256));
  }

  psks(): readonly Found<Uint8Array>[] {
    return this.preSharedKeys.map((psk, i) => ({ value: psk, source: 'psk', detail: `pre-shared key ${i + 1} of ${this.preSharedKeys.length}` }));
  }

  tls13SecretsFor(clientRandom: Uint8Array): Found<Tls13Secrets> | undefined {
    const secrets: { [name in Tls13SecretName]?: Uint8Array } = {};
    const found: KeyLogEntry[] = [];
    for (const { label, name } of TLS13_SECRET_LABELS) {
      const entry = this.keyLog.get(keyLogIndex(label, clientRandom));
      if (entry === undefined) continue;
      secrets[name] = entry.secret;
      found.push(entry);
    }
    const first = found[0];
    if (first === undefined) return undefined;
    const names = [...new Set(found.map((entry) => entry.source.name))].join(', ');
    return { value: secrets, source: first.source.origin, detail: `${found.length} TLS 1.3 key log lines from ${names}` };
  }

  /** Records a solved TLS 1.2 session so later abbreviated handshakes (and re-reads) find it. */
  remember(session: SolvedSession): void {
    this.cache('client-random', session.clientRandom, session.masterSecret);
    this.cache('session-id', session.sessionId, session.masterSecret);
    this.cache('ticket', session.ticket, session.masterSecret);
  }

  private fromKeyLog(label: KeyLogLabel, key: Uint8Array | undefined): Found<Uint8Array> | undefined {
    if (key === undefined || key.length === 0) return undefined;
    const entry = this.keyLog.get(keyLogIndex(label, key));
    if (entry === undefined) return undefined;
    return { value: entry.secret, source: entry.source.origin, detail: `${entry.label} line ${entry.line} of ${entry.source.name}` };
  }

  private fromCache(index: CacheIndex, key: Uint8Array | undefined): Found<Uint8Array> | undefined {
    return key === undefined || key.length === 0 ? undefined : this.resumption.get(cacheKey(index, key));
  }

  private resumed(index: CacheIndex, key: Uint8Array | undefined): Found<Uint8Array> | undefined {
    if (key === undefined) return undefined;
    const earlier = this.fromCache(index, key);
    if (earlier === undefined) return undefined;
    const origin = earlier.origin ?? earlier.detail;
    const by = index === 'ticket' ? 'a session ticket' : `session id ${hex(key)}`;
    return { value: earlier.value, source: 'resumed-session', detail: `resumed by ${by}; the session's secret came from ${origin}`, origin };
  }

  private cache(index: CacheIndex, key: Uint8Array | undefined, masterSecret: Found<Uint8Array>): void {
    if (key === undefined || key.length === 0) return;
    const at = cacheKey(index, key);
    this.resumption.delete(at);
    this.resumption.set(at, masterSecret);
    if (this.resumption.size <= this.maxResumptionEntries) return;
    const oldest = this.resumption.keys().next();
    if (oldest.done !== true) this.resumption.delete(oldest.value);
  }
}

function keyLogIndex(label: KeyLogLabel, key: Uint8Array): string {
  return `${label}/${hex(key)}`;
}

/** Tickets can be kilobytes long, so they are keyed by their hash. */
function cacheKey(index: CacheIndex, key: Uint8Array): string {
  return `${index}/${index === 'ticket' ? createHash('sha256').update(key).digest('hex') : hex(key)}`;
}
