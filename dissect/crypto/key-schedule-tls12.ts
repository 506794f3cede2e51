/**
 * The key schedule of SSL 3.0 to TLS 1.2: master secret (RFC 5246 8.1, RFC 6101 6.1), extended
 * master secret over the session hash (RFC 7627 3, 4), the key block and its split into MAC keys,
 * write keys and IVs (RFC 5246 6.3), and the export ciphers' key and IV expansion (RFC 2246 6.3,
 * RFC 6101 6.2.2).
 */
import { concatBytes } from '../bytes.js';
import type { CipherSuiteInfo, PrfHash } from '../tls/tables/index.js';
import { digest, prfHashName } from './hash.js';
import { prf } from './prf.js';
import { type Generation, versionTraits } from './protocol-version.js';

export const MASTER_SECRET_LENGTH = 48;

/** One direction's record protection keys. `iv` is the CBC IV (SSL 3.0, TLS 1.0) or the AEAD salt. */
export interface DirectionKeys {
  readonly macKey: Uint8Array;
  readonly key: Uint8Array;
  readonly iv: Uint8Array;
}

export interface ConnectionKeys {
  readonly client: DirectionKeys;
  readonly server: DirectionKeys;
}

/** Undefined for TLS 1.3 and for versions keyhole cannot decrypt. */
export function masterSecret(
  version: number, suite: CipherSuiteInfo, preMaster: Uint8Array, clientRandom: Uint8Array, serverRandom: Uint8Array,
): Uint8Array | undefined {
  const seed = concatBytes([clientRandom, serverRandom]);
  return prf(version, suite.prfHash, preMaster, 'master secret', seed, MASTER_SECRET_LENGTH);
}

type SessionHash = (prfHash: PrfHash, messages: Uint8Array) => Uint8Array | undefined;

const md5AndSha1: SessionHash = (_prfHash, messages) => concatBytes([digest('md5', messages), digest('sha1', messages)]);

/** RFC 7627 3: the hash of the handshake as the version's PRF sees it; no EMS for SSL 3.0 or TLS 1.3. */
const SESSION_HASHES = {
  ssl3: () => undefined,
  tls10: md5AndSha1,
  tls11: md5AndSha1,
  tls12: (prfHash, messages) => {
    const hash = prfHashName(prfHash);
    return hash === undefined ? undefined : digest(hash, messages);
  },
  tls13: () => undefined,
} as const satisfies Record<Generation, SessionHash>;

/**
 * RFC 7627 3: session_hash = Hash(handshake_messages), the messages (with their 4-byte headers)
 * from ClientHello up to and including ClientKeyExchange.
 */
export function sessionHash(version: number, suite: CipherSuiteInfo, handshakeMessages: Uint8Array): Uint8Array | undefined {
  const traits = versionTraits(version);
  return traits === undefined ? undefined : SESSION_HASHES[traits.generation](suite.prfHash, handshakeMessages);
}

/** RFC 7627 4: PRF(pre_master_secret, "extended master secret", session_hash)[0..47]. */
export function extendedMasterSecret(
  version: number, suite: CipherSuiteInfo, preMaster: Uint8Array, hashOfSession: Uint8Array,
): Uint8Array | undefined {
  if (versionTraits(version)?.generation === 'ssl3') return undefined;
  return prf(version, suite.prfHash, preMaster, 'extended master secret', hashOfSession, MASTER_SECRET_LENGTH);
}

/**
 * RFC 5246 6.3: key_block = PRF(master_secret, "key expansion", server_random + client_random),
 * cut into client MAC key, server MAC key, client key, server key, client IV, server IV. Export
 * suites then stretch their short keys. Undefined for TLS 1.3 and unknown versions.
 */
export function connectionKeys(
  version: number, suite: CipherSuiteInfo, master: Uint8Array, clientRandom: Uint8Array, serverRandom: Uint8Array,
): ConnectionKeys | undefined {
  const { macLength, keyLength, fixedIvLength } = suite;
  const block = prf(
    version, suite.prfHash, master, 'key expansion', concatBytes([serverRandom, clientRandom]),
    2 * (macLength + keyLength + fixedIvLength),
  );
  if (block === undefined) return undefined;
  let at = 0;
  const take = (length: number): Uint8Array => block.subarray(at, (at += length));
  const macKeys = [take(macLength), take(macLength)] as const;
  const keys = [take(keyLength), take(keyLength)] as const;
  const ivs = [take(fixedIvLength), take(fixedIvLength)] as const;
  const split: ConnectionKeys = {
    client: { macKey: macKeys[0], key: keys[0], iv: ivs[0] },
    server: { macKey: macKeys[1], key: keys[1], iv: ivs[1] },
  };
  return suite.export ? exportKeys(version, suite, split, clientRandom, serverRandom) : split;
}

/**
 * Export ciphers take 5 (or 7) secret bytes from the key block and stretch them, with the randoms,
 * to the cipher's key size; their CBC IVs come from the randoms alone. SSL 3.0 does both with MD5
 * (RFC 6101 6.2.2), TLS with the PRF (RFC 2246 6.3; the same with TLS 1.2's PRF, as OpenSSL did).
 */
function exportKeys(
  version: number, suite: CipherSuiteInfo, keys: ConnectionKeys, clientRandom: Uint8Array, serverRandom: Uint8Array,
): ConnectionKeys | undefined {
  const { expandedKeyLength, fixedIvLength } = suite;
  const clientFirst = concatBytes([clientRandom, serverRandom]);
  if (versionTraits(version)?.generation === 'ssl3') {
    const serverFirst = concatBytes([serverRandom, clientRandom]);
    return {
      client: {
        macKey: keys.client.macKey,
        key: digest('md5', keys.client.key, clientFirst).subarray(0, expandedKeyLength),
        iv: digest('md5', clientFirst).subarray(0, fixedIvLength),
      },
      server: {
        macKey: keys.server.macKey,
        key: digest('md5', keys.server.key, serverFirst).subarray(0, expandedKeyLength),
        iv: digest('md5', serverFirst).subarray(0, fixedIvLength),
      },
    };
  }
  const clientKey = prf(version, suite.prfHash, keys.client.key, 'client write key', clientFirst, expandedKeyLength);
  const serverKey = prf(version, suite.prfHash, keys.server.key, 'server write key', clientFirst, expandedKeyLength);
  const ivBlock = prf(version, suite.prfHash, new Uint8Array(0), 'IV block', clientFirst, 2 * fixedIvLength);
  if (clientKey === undefined || serverKey === undefined || ivBlock === undefined) return undefined;
  return {
    client: { macKey: keys.client.macKey, key: clientKey, iv: ivBlock.subarray(0, fixedIvLength) },
    server: { macKey: keys.server.macKey, key: serverKey, iv: ivBlock.subarray(fixedIvLength) },
  };
}
