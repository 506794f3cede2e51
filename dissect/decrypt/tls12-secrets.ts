/**
 * Finding a TLS 1.2-and-earlier session's master secret, in the store's order (see
 * secrets/store.ts), then deriving its keys: a master secret from the key log or an earlier
 * session; else a pre-master from the key log, the server's RSA key (RFC 5246 7.4.7.1) or a PSK
 * (RFC 4279 2); then the master secret, extended when negotiated (RFC 7627), and the key block.
 * When nothing fits, the reason says what the user could give.
 */
import { concatBytes, hex } from '../bytes.js';
import { connectionKeys, extendedMasterSecret, masterSecret, sessionHash, type ConnectionKeys } from '../crypto/key-schedule-tls12.js';
import { pskPreMaster } from '../crypto/psk-premaster.js';
import { decryptPreMaster } from '../crypto/rsa-premaster.js';
import type { Found, SecretStore } from '../secrets/store.js';
import type { Negotiation } from '../tls/negotiation.js';
import type { CipherSuiteInfo, KeyExchange } from '../tls/tables/index.js';
import { versionName } from '../tls/tables/index.js';
import { certificateSpkiSha256 } from '../tls/x509/spki.js';

export interface Tls12Inputs {
  readonly negotiation: Negotiation;
  readonly store: SecretStore;
  /** Handshake messages (with headers) from ClientHello through ClientKeyExchange, for RFC 7627. */
  readonly transcript: Uint8Array;
  /** The ClientKeyExchange's RSA-encrypted pre-master secret, when there was one. */
  readonly encryptedPreMaster: Uint8Array | undefined;
  readonly sawClientKeyExchange: boolean;
}

/** How the master secret was reached, for `keyhole explain`. */
export type MasterDerivation =
  | { readonly kind: 'known' }
  | {
    readonly kind: 'derived';
    readonly preMaster: Uint8Array;
    readonly preMasterSource: string;
    /** RFC 5246 8.1 "master secret" over the randoms, or RFC 7627 "extended master secret" over the session hash. */
    readonly label: 'master secret' | 'extended master secret';
    readonly seed: Uint8Array;
  };

export type Tls12Solution =
  | { readonly ok: true; readonly master: Found<Uint8Array>; readonly derivation: MasterDerivation; readonly keys: ConnectionKeys }
  | { readonly ok: false; readonly reason: string };

const RSA_KEX: ReadonlySet<KeyExchange> = new Set(['RSA', 'RSA_PSK']);
const PSK_KEX: ReadonlySet<KeyExchange> = new Set(['PSK', 'RSA_PSK', 'DHE_PSK', 'ECDHE_PSK']);

function short(bytes: Uint8Array | undefined): string {
  return bytes === undefined ? '(none)' : `${hex(bytes.subarray(0, 8))}…`;
}

export function solveTls12(inputs: Tls12Inputs): Tls12Solution {
  const n = inputs.negotiation;
  const { suite, version, clientRandom, serverRandom } = n;
  if (suite === undefined || version === undefined || clientRandom === undefined || serverRandom === undefined) {
    return { ok: false, reason: 'the ClientHello or ServerHello was not captured, so the session parameters are unknown' };
  }
  const master = findMaster(inputs, suite, version, clientRandom, serverRandom);
  if (!master.ok) return master;
  const keys = connectionKeys(version, suite, master.master.value, clientRandom, serverRandom);
  if (keys === undefined) return { ok: false, reason: `keyhole cannot derive keys for ${versionName(version)}` };
  return { ok: true, master: master.master, derivation: master.derivation, keys };
}

type MasterResult = { readonly ok: true; readonly master: Found<Uint8Array>; readonly derivation: MasterDerivation } | { readonly ok: false; readonly reason: string };

function findMaster(inputs: Tls12Inputs, suite: CipherSuiteInfo, version: number, clientRandom: Uint8Array, serverRandom: Uint8Array): MasterResult {
  const n = inputs.negotiation;
  const { store } = inputs;
  const known = store.masterSecretFor({
    clientRandom,
    ...(n.serverSessionId === undefined ? {} : { sessionId: n.serverSessionId }),
    ...(n.ticket === undefined ? {} : { ticket: n.ticket }),
  });
  if (known !== undefined) return { ok: true, master: known, derivation: { kind: 'known' } };
  if (n.resumed !== undefined && !inputs.sawClientKeyExchange) {
    const by = n.resumed === 'ticket' ? 'a session ticket' : `session id ${short(n.serverSessionId)}`;
    return { ok: false, reason: `resumed session (by ${by}) whose original handshake is not in the capture; give a key log with its CLIENT_RANDOM line` };
  }
  const preMaster = findPreMaster(inputs, suite, clientRandom);
  if (!preMaster.ok) return preMaster;
  const pre = preMaster.value.value;
  const hash = n.extendedMasterSecret ? sessionHash(version, suite, inputs.transcript) : undefined;
  if (n.extendedMasterSecret && hash === undefined) return { ok: false, reason: `keyhole cannot compute the RFC 7627 session hash for ${versionName(version)}` };
  const derived = hash === undefined ? masterSecret(version, suite, pre, clientRandom, serverRandom) : extendedMasterSecret(version, suite, pre, hash);
  if (derived === undefined) return { ok: false, reason: `keyhole cannot derive a master secret for ${versionName(version)}` };
  const derivation: MasterDerivation = {
    kind: 'derived',
    preMaster: pre,
    preMasterSource: preMaster.value.detail,
    label: hash === undefined ? 'master secret' : 'extended master secret',
    seed: hash ?? concatBytes([clientRandom, serverRandom]),
  };
  return { ok: true, master: { ...preMaster.value, value: derived }, derivation };
}

type PreMasterLookup = { readonly ok: true; readonly value: Found<Uint8Array> } | { readonly ok: false; readonly reason: string };

function findPreMaster(inputs: Tls12Inputs, suite: CipherSuiteInfo, clientRandom: Uint8Array): PreMasterLookup {
  const { store, negotiation: n } = inputs;
  const logged = store.preMasterFor({ clientRandom, ...(inputs.encryptedPreMaster === undefined ? {} : { encryptedPreMasterPrefix: inputs.encryptedPreMaster }) });
  if (logged !== undefined) return { ok: true, value: logged };
  if (!inputs.sawClientKeyExchange) return { ok: false, reason: 'the ClientKeyExchange was not captured, so the pre-master secret is unknown; give a key log' };
  const kex = suite.kex;
  if (RSA_KEX.has(kex)) {
    const rsa = rsaPreMaster(inputs);
    if (!rsa.ok || kex === 'RSA') return rsa;
    return withPsk(store, rsa.value.value, rsa.value);
  }
  if (kex === 'PSK') return withPsk(store, undefined, undefined);
  if (PSK_KEX.has(kex)) {
    return { ok: false, reason: `${kex} key exchange mixes in a Diffie-Hellman secret that only a key log can give` };
  }
  const random = hex(clientRandom);
  if (kex === 'RSA_EXPORT') return { ok: false, reason: 'RSA export key exchange uses a temporary RSA key, not the certificate key; give a key log' };
  return {
    ok: false,
    reason: `${kex} key exchange: a server RSA key cannot decrypt it; give a key log with CLIENT_RANDOM ${random.slice(0, 16)}…${n.version === undefined ? '' : ` (${versionName(n.version)})`}`,
  };
}

function rsaPreMaster(inputs: Tls12Inputs): PreMasterLookup {
  const { store, negotiation: n } = inputs;
  const leaf = n.serverCertificates[0];
  const spki = leaf === undefined ? undefined : certificateSpkiSha256(leaf);
  if (spki === undefined) return tryEveryKey(inputs, leaf === undefined ? 'was not captured' : 'does not parse');
  const key = store.rsaKeyFor(spki);
  if (key === undefined) {
    return { ok: false, reason: `no key matches this server's certificate (SPKI SHA-256 ${spki.slice(0, 16)}…); give its private key with --key, or a key log` };
  }
  if (inputs.encryptedPreMaster === undefined) return { ok: false, reason: 'the ClientKeyExchange carries no RSA-encrypted pre-master secret' };
  const result = decryptPreMaster(key.value.key, inputs.encryptedPreMaster, n.clientHello?.version?.value);
  if (result.kind !== 'ok') {
    return { ok: false, reason: `${result.diagnostic.message} (key ${key.value.file}); it is the wrong key for this server` };
  }
  return { ok: true, value: { ...key, value: result.preMaster } };
}

/**
 * Without a certificate to match, every RSA key is tried: the PKCS#1 padding check tells the right
 * key from the wrong ones (a wrong key yields random bytes that are almost never a valid block).
 */
function tryEveryKey(inputs: Tls12Inputs, certificate: string): PreMasterLookup {
  const { store, encryptedPreMaster } = inputs;
  const keys = store.allRsaKeys();
  if (keys.length === 0 || encryptedPreMaster === undefined) {
    return { ok: false, reason: `RSA key exchange, but the server's certificate ${certificate}, so no key can be matched to it; give the server key with --key, or a key log` };
  }
  for (const key of keys) {
    const result = decryptPreMaster(key.key, encryptedPreMaster, inputs.negotiation.clientHello?.version?.value);
    const found = result.kind === 'ok' ? store.rsaKeyFor(key.spkiSha256) : undefined;
    if (result.kind === 'ok' && found !== undefined) {
      return { ok: true, value: { ...found, value: result.preMaster, detail: `${found.detail}, tried because the certificate ${certificate}` } };
    }
  }
  const which = keys.length === 1 ? 'the RSA key given does not decrypt' : `none of the ${keys.length} RSA keys given decrypts`;
  return { ok: false, reason: `${which} the pre-master secret (bad PKCS#1 padding): wrong key for this server (its certificate ${certificate}, so keys could not be matched to it)` };
}

/** RFC 4279 2: other_secret is the RSA pre-master for RSA_PSK, zeros of the PSK's length for plain PSK. */
function withPsk(store: SecretStore, other: Uint8Array | undefined, origin: Found<Uint8Array> | undefined): PreMasterLookup {
  const psk = store.psks()[0];
  if (psk === undefined) return { ok: false, reason: 'PSK cipher suite: give the pre-shared key with --psk' };
  const preMaster = pskPreMaster(psk.value, other);
  if (preMaster === undefined) return { ok: false, reason: 'the pre-shared key is too long to use' };
  return { ok: true, value: { value: preMaster, source: 'psk', detail: origin === undefined ? psk.detail : `${origin.detail} and ${psk.detail}` } };
}
