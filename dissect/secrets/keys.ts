/**
 * Server private keys for RSA key exchange (RFC 5246 7.4.7.1): PEM (PKCS#1 "RSA PRIVATE KEY",
 * PKCS#8 "PRIVATE KEY", "ENCRYPTED PRIVATE KEY", legacy Proc-Type/DEK-Info encryption), DER
 * (PKCS#1 or PKCS#8, told apart by their structure) and PKCS#12. Every key comes back with the
 * SHA-256 of its SubjectPublicKeyInfo, which is how it is matched to a certificate in the capture.
 * Only RSA keys can decrypt a pre-master secret; a file that holds no RSA key is unusable.
 */
import { createPrivateKey } from 'node:crypto';
import type { KeyObject, PrivateKeyInput } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { derCutShort, sniffDer } from './der-sniff.js';
import type { DerContainer } from './der-sniff.js';
import { KeyFileError, fileProblem, isMissingFile } from './errors.js';
import { isPrivateKeyLabel, looksLikePem, pemBlocks } from './pem.js';
import { pkcs12PrivateKeys } from './pkcs12.js';
import { privateKeySpkiSha256 } from './spki.js';

export interface LoadedPrivateKey {
  readonly key: KeyObject;
  /** SHA-256 of the public key's DER SubjectPublicKeyInfo, lower-case hex. */
  readonly spkiSha256: string;
  /** Modulus size in bits. */
  readonly bits: number;
  /** The file the key came from, as given. */
  readonly file: string;
}

/** Real key files are a few kilobytes; anything this big is the wrong file. */
const MAX_KEY_FILE_BYTES = 1 << 20;

/** A key waiting to be opened by node:crypto, with what to say if it cannot be. */
interface KeyCandidate {
  readonly input: PrivateKeyInput;
  readonly encrypted: boolean;
  readonly format: string;
}

/** DER containers node:crypto opens itself, with the type name it wants and the name users know. */
const DER_KEY_TYPES = {
  pkcs1: { type: 'pkcs1', format: 'PKCS#1 DER', encrypted: false },
  pkcs8: { type: 'pkcs8', format: 'PKCS#8 DER', encrypted: false },
  sec1: { type: 'sec1', format: 'SEC1 DER', encrypted: false },
  'encrypted-pkcs8': { type: 'pkcs8', format: 'encrypted PKCS#8 DER', encrypted: true },
} as const satisfies Partial<Record<DerContainer, { type: 'pkcs1' | 'pkcs8' | 'sec1'; format: string; encrypted: boolean }>>;

/** node:crypto key types in words, for the "cannot decrypt anything" message. */
const KEY_TYPE_NAMES: Readonly<Record<string, string>> = {
  ec: 'an EC',
  'rsa-pss': 'an RSA-PSS (signing only)',
  dsa: 'a DSA',
  dh: 'a Diffie-Hellman',
  ed25519: 'an Ed25519',
  ed448: 'an Ed448',
  x25519: 'an X25519',
  x448: 'an X448',
};

/**
 * Every RSA private key in the file. Throws KeyFileError when the file is unusable: missing,
 * unreadable, corrupt, encrypted without (or with the wrong) password, or holding no RSA key.
 * Non-RSA keys beside RSA ones (a PKCS#12 bundle with an EC key too) are left out.
 */
export async function loadPrivateKeys(path: string, password?: string): Promise<LoadedPrivateKey[]> {
  const bytes = await readKeyFile(path);
  const keys = await openKeyFile(bytes, path, password);
  const rsaKeys = keys.filter((key) => key.asymmetricKeyType === 'rsa');
  const other = keys[0];
  if (rsaKeys.length === 0 && other !== undefined) throw new KeyFileError(path, notRsaProblem(other));
  return rsaKeys.map((key) => ({
    key,
    spkiSha256: privateKeySpkiSha256(key),
    bits: key.asymmetricKeyDetails?.modulusLength ?? 0,
    file: path,
  }));
}

async function readKeyFile(path: string): Promise<Uint8Array> {
  try {
    const info = await stat(path);
    if (info.isDirectory()) throw new KeyFileError(path, 'is a folder, not a key file');
    if (info.size === 0) throw new KeyFileError(path, 'is empty');
    if (info.size > MAX_KEY_FILE_BYTES) throw new KeyFileError(path, `is ${info.size} bytes long, far too large to be a key file`);
    return new Uint8Array(await readFile(path));
  } catch (error: unknown) {
    if (error instanceof KeyFileError) throw error;
    if (isMissingFile(error)) throw new KeyFileError(path, 'does not exist');
    throw new KeyFileError(path, `cannot be read: ${fileProblem(error)}`);
  }
}

async function openKeyFile(bytes: Uint8Array, path: string, password: string | undefined): Promise<KeyObject[]> {
  const text = Buffer.from(bytes).toString('latin1');
  if (looksLikePem(text)) return pemCandidates(text, path).map((candidate) => openCandidate(candidate, path, password));
  const container = sniffDer(bytes);
  if (container !== undefined && derCutShort(bytes)) throw new KeyFileError(path, 'is cut short (its DER structure claims more bytes than the file holds)');
  if (container === 'pkcs12') return openPkcs12(bytes, path, password);
  if (container === 'certificate') throw new KeyFileError(path, 'holds a certificate, not a private key');
  if (container === undefined) throw new KeyFileError(path, 'is not a PEM, DER or PKCS#12 private key file');
  const { type, format, encrypted } = DER_KEY_TYPES[container];
  return [openCandidate({ input: { key: Buffer.from(bytes), format: 'der', type }, encrypted, format }, path, password)];
}

function pemCandidates(text: string, path: string): KeyCandidate[] {
  const blocks = pemBlocks(text);
  const keyBlocks = blocks.filter((block) => isPrivateKeyLabel(block.label));
  if (keyBlocks.length === 0) {
    const labels = [...new Set(blocks.map((block) => block.label))].join(', ');
    throw new KeyFileError(path, labels === '' ? 'has PEM armour but no complete PEM block' : `holds no private key (only ${labels})`);
  }
  return keyBlocks.map((block) => ({ input: { key: block.text, format: 'pem' }, encrypted: block.encrypted, format: `PEM "${block.label}"` }));
}

function openCandidate(candidate: KeyCandidate, path: string, password: string | undefined): KeyObject {
  if (candidate.encrypted && password === undefined) throw new KeyFileError(path, `is an encrypted ${candidate.format} key and needs a password`);
  try {
    return createPrivateKey(password === undefined ? candidate.input : { ...candidate.input, passphrase: password });
  } catch {
    // OpenSSL's reason codes ("bad decrypt", "unsupported") say nothing a user can act on.
    throw new KeyFileError(
      path,
      candidate.encrypted
        ? `is an encrypted ${candidate.format} key that the given password does not open (wrong password?)`
        : `is not a valid ${candidate.format} private key (the file may be corrupt)`,
    );
  }
}

async function openPkcs12(bytes: Uint8Array, path: string, password: string | undefined): Promise<KeyObject[]> {
  // Many PKCS#12 exports use an empty password; try it when none was given.
  const result = await pkcs12PrivateKeys(bytes, password ?? '');
  if (result.kind === 'wrong-password') {
    throw new KeyFileError(path, password === undefined ? 'is a PKCS#12 file and needs a password' : 'is a PKCS#12 file that the given password does not open (wrong password?)');
  }
  if (result.kind === 'corrupt') throw new KeyFileError(path, 'is not a valid PKCS#12 file (the file may be corrupt)');
  if (result.pkcs8Keys.length === 0) throw new KeyFileError(path, 'is a PKCS#12 file that holds no private key');
  return result.pkcs8Keys.map((der) =>
    openCandidate({ input: { key: Buffer.from(der), format: 'der', type: 'pkcs8' }, encrypted: false, format: 'PKCS#12' }, path, undefined),
  );
}

function notRsaProblem(key: KeyObject): string {
  const type = key.asymmetricKeyType ?? 'unknown';
  const curve = key.asymmetricKeyDetails?.namedCurve;
  const name = `${KEY_TYPE_NAMES[type] ?? `a ${type}`}${curve === undefined ? '' : ` (${curve})`} key`;
  return `holds ${name}, which loads but cannot decrypt anything: only an RSA key can decrypt a TLS RSA key exchange`;
}
