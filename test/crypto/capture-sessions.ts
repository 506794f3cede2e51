/**
 * Sessions of the public captures (test/crypto/vectors/capture-records.json): their randoms,
 * protected records and secrets read from ../shared/captures, and the keys derived from them
 * with dissect/crypto, as a TLS session would.
 */
import { createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { concatBytes, fromHex, u16 } from '../../dissect/bytes.js';
import { type CipherSuiteInfo, cipherSuite } from '../../dissect/tls/tables/index.js';
import { type ConnectionKeys, connectionKeys, masterSecret } from '../../dissect/crypto/key-schedule-tls12.js';
import { pskPreMaster } from '../../dissect/crypto/psk-premaster.js';
import { decryptPreMaster } from '../../dissect/crypto/rsa-premaster.js';
import { sharedPath } from '../helpers/shared.js';
import vectors from './vectors/capture-records.json' with { type: 'json' };

type Piece = readonly number[];

export interface CaptureSession {
  readonly name: string;
  readonly file: string;
  readonly transport: string;
  readonly version: number;
  readonly suite: number;
  /** The ServerHello's CompressionMethod (1 = DEFLATE, which OpenSSL 1.0 negotiated by default). */
  readonly compression: number;
  readonly clientRandom: readonly Piece[];
  readonly clientRandomZeroPad?: number;
  readonly serverRandom: readonly Piece[];
  readonly keys?: string;
  readonly psk?: string;
  readonly rsaKey?: string;
  readonly encryptedPreMaster?: readonly Piece[];
  readonly client: readonly (readonly Piece[])[];
  readonly server: readonly (readonly Piece[])[];
}

export const CAPTURE_SESSIONS: readonly CaptureSession[] = vectors.sessions;

/** A protected record as the record layer hands it over. */
export interface WireRecord {
  readonly type: number;
  readonly version: number;
  readonly fragment: Uint8Array;
  /** DTLS only: epoch || sequence_number from the header. */
  readonly sequence?: bigint;
}

export interface LoadedSession {
  readonly session: CaptureSession;
  readonly suite: CipherSuiteInfo;
  readonly clientRandom: Uint8Array;
  readonly serverRandom: Uint8Array;
  readonly client: readonly WireRecord[];
  readonly server: readonly WireRecord[];
  /** Key log secrets of this session by label (CLIENT_RANDOM, SERVER_TRAFFIC_SECRET_0, ...). */
  readonly secrets: ReadonlyMap<string, Uint8Array>;
}

const captureCache = new Map<string, Uint8Array>();

function captureBytes(file: string): Uint8Array | undefined {
  const cached = captureCache.get(file);
  if (cached !== undefined) return cached;
  const full = sharedPath(file);
  if (full === undefined) return undefined;
  const bytes = new Uint8Array(readFileSync(full));
  captureCache.set(file, bytes);
  return bytes;
}

function gather(file: Uint8Array, pieces: readonly Piece[]): Uint8Array {
  return concatBytes(pieces.map(([offset = 0, length = 0]) => file.subarray(offset, offset + length)));
}

function wireRecord(bytes: Uint8Array, datagram: boolean): WireRecord {
  const type = bytes[0] ?? 0;
  const version = u16(bytes, 1);
  if (!datagram) return { type, version, fragment: bytes.subarray(5) };
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const sequence = (BigInt(view.getUint16(3)) << 48n) | (BigInt(view.getUint16(5)) << 32n) | BigInt(view.getUint32(7));
  return { type, version, fragment: bytes.subarray(13), sequence };
}

/** NSS key log lines "LABEL <client random> <secret>" for one client random. */
function keyLogSecrets(keysFile: string, clientRandom: Uint8Array): Map<string, Uint8Array> {
  const secrets = new Map<string, Uint8Array>();
  const full = sharedPath(keysFile);
  if (full === undefined) return secrets;
  const wanted = Buffer.from(clientRandom).toString('hex');
  for (const line of readFileSync(full, 'utf8').split(/\r?\n/)) {
    const [label, random, secret] = line.trim().split(/\s+/);
    const bytes = fromHex(secret ?? '');
    if (label !== undefined && random?.toLowerCase() === wanted && bytes !== undefined) secrets.set(label, bytes);
  }
  return secrets;
}

/** Undefined when the shared captures are absent. */
export function loadSession(session: CaptureSession): LoadedSession | undefined {
  const file = captureBytes(session.file);
  const suite = cipherSuite(session.suite);
  if (file === undefined || suite === undefined) return undefined;
  const datagram = session.transport === 'udp';
  const clientRandom = concatBytes([new Uint8Array(session.clientRandomZeroPad ?? 0), gather(file, session.clientRandom)]);
  return {
    session,
    suite,
    clientRandom,
    serverRandom: gather(file, session.serverRandom),
    client: session.client.map((pieces) => wireRecord(gather(file, pieces), datagram)),
    server: session.server.map((pieces) => wireRecord(gather(file, pieces), datagram)),
    secrets: session.keys === undefined ? new Map() : keyLogSecrets(session.keys, clientRandom),
  };
}

/** The master secret from the key log, the PSK or the server's RSA key, as the session's secrets allow. */
export function sessionMasterSecret(loaded: LoadedSession): Uint8Array | undefined {
  const { session, suite, clientRandom, serverRandom } = loaded;
  const logged = loaded.secrets.get('CLIENT_RANDOM');
  if (logged !== undefined) return logged;
  let preMaster: Uint8Array | undefined;
  if (session.psk !== undefined) preMaster = pskPreMaster(fromHex(session.psk) ?? new Uint8Array(0));
  if (session.rsaKey !== undefined && session.encryptedPreMaster !== undefined) {
    const keyPath = sharedPath(session.rsaKey);
    const file = captureBytes(session.file);
    if (keyPath === undefined || file === undefined) return undefined;
    const decrypted = decryptPreMaster(createPrivateKey(readFileSync(keyPath)), gather(file, session.encryptedPreMaster));
    if (decrypted.kind === 'ok') preMaster = decrypted.preMaster;
  }
  return preMaster === undefined ? undefined : masterSecret(session.version, suite, preMaster, clientRandom, serverRandom);
}

export function sessionKeys(loaded: LoadedSession): ConnectionKeys | undefined {
  const master = sessionMasterSecret(loaded);
  return master === undefined ? undefined : connectionKeys(loaded.session.version, loaded.suite, master, loaded.clientRandom, loaded.serverRandom);
}
