/**
 * --keylog-out: writes the secrets of every decrypted session as an NSS key log (NSS "Key Log
 * Format"; draft-ietf-tls-keylogfile 3) that Wireshark and keyhole read back. The file holds
 * secrets, so it is created owner-only (0600) and chmod-ed again in case it already existed with
 * wider rights. Each line is written once, however often a session is reported.
 */
import { closeSync, fchmodSync, openSync, writeSync } from 'node:fs';
import { hex } from '../bytes.js';
import { SecretInputError, fileProblem } from './errors.js';
import { TLS13_SECRET_LABELS } from './keylog-labels.js';
import type { KeyLogLabel, Tls13Secrets } from './keylog-labels.js';

const OWNER_ONLY = 0o600;

export interface KeyLogWriter {
  readonly path: string;
  /** A CLIENT_RANDOM line for a TLS 1.2-or-earlier session. */
  writeMasterSecret(clientRandom: Uint8Array, masterSecret: Uint8Array): void;
  /** One line per TLS 1.3 secret known for the session. */
  writeTls13Secrets(clientRandom: Uint8Array, secrets: Tls13Secrets): void;
  close(): void;
}

export function openKeyLogOut(path: string): KeyLogWriter {
  let fd: number;
  try {
    fd = openSync(path, 'w', OWNER_ONLY);
    fchmodSync(fd, OWNER_ONLY);
  } catch (error: unknown) {
    throw new SecretInputError(`Key log output ${path} cannot be written: ${fileProblem(error)}.`);
  }
  return new KeyLogFile(path, fd);
}

class KeyLogFile implements KeyLogWriter {
  /** "<label> <client random>" of every line written, so each is written once. */
  private readonly written = new Set<string>();
  private open = true;

  constructor(
    readonly path: string,
    private readonly fd: number,
  ) {}

  writeMasterSecret(clientRandom: Uint8Array, masterSecret: Uint8Array): void {
    this.line('CLIENT_RANDOM', clientRandom, masterSecret);
  }

  writeTls13Secrets(clientRandom: Uint8Array, secrets: Tls13Secrets): void {
    for (const { label, name } of TLS13_SECRET_LABELS) {
      const secret = secrets[name];
      if (secret !== undefined) this.line(label, clientRandom, secret);
    }
  }

  close(): void {
    if (!this.open) return;
    this.open = false;
    closeSync(this.fd);
  }

  private line(label: KeyLogLabel, clientRandom: Uint8Array, secret: Uint8Array): void {
    const id = `${label} ${hex(clientRandom)}`;
    if (!this.open || this.written.has(id)) return;
    this.written.add(id);
    writeSync(this.fd, `${id} ${hex(secret)}\n`);
  }
}
