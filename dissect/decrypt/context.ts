/**
 * Everything one run needs to decrypt: the secret store filled from --key, --keylog and --psk,
 * key logs found in pcapng Decryption Secrets Blocks as the capture is read, a SessionDecryptor
 * per TCP connection (the same options for each DTLS session's decryptor), and the --keylog-out
 * writer. Unusable secret files are input errors (thrown);
 * bad key log lines are diagnostics.
 */
import type { Diagnostic } from '../diagnostics.js';
import { diagnostic } from '../diagnostics.js';
import type { DecryptionSecrets } from '../capture/types.js';
import { loadPrivateKeys } from '../secrets/keys.js';
import { readKeyLogFile } from '../secrets/keylog-file.js';
import { openKeyLogOut, type KeyLogWriter } from '../secrets/keylog-writer.js';
import { parsePsk } from '../secrets/psk.js';
import { SecretStore } from '../secrets/store.js';
import { SessionDecryptor, type DecryptorOptions } from './session-decryptor.js';
import { ExplainTrace } from './explain-trace.js';
import { DtlsDecryptor } from '../dtls/decryptor.js';

export interface SecretOptions {
  readonly keys?: readonly string[];
  readonly keyPassword?: string;
  readonly keylogs?: readonly string[];
  readonly psks?: readonly string[];
  readonly keylogOut?: string;
}

export class DecryptionContext {
  readonly store = new SecretStore();
  readonly diagnostics: Diagnostic[] = [];
  private given = false;
  private writer: KeyLogWriter | undefined;

  static async create(options: SecretOptions): Promise<DecryptionContext> {
    const context = new DecryptionContext();
    for (const file of options.keys ?? []) {
      context.store.addRsaKeys(await loadPrivateKeys(file, options.keyPassword));
      context.given = true;
    }
    for (const file of options.keylogs ?? []) {
      const batch = await readKeyLogFile(file);
      context.store.addKeyLogEntries(batch.entries);
      context.diagnostics.push(...batch.problems.map((p) => p.diagnostic));
      context.given = true;
    }
    for (const psk of options.psks ?? []) {
      context.store.addPsk(parsePsk(psk));
      context.given = true;
    }
    if (options.keylogOut !== undefined) context.writer = openKeyLogOut(options.keylogOut);
    return context;
  }

  /** A pcapng Decryption Secrets Block: its key log serves every session after it. */
  addSecrets(block: DecryptionSecrets): void {
    this.diagnostics.push(...this.store.addDecryptionSecrets(block));
    this.given = true;
  }

  /** The key schedule of this tcp.stream is recorded for `keyhole explain`. */
  explainStream: number | undefined;
  /** The same for the DTLS session of this udp.stream (the UI's explain pane). */
  explainConversation: number | undefined;
  readonly trace = new ExplainTrace();

  decryptorFor(stream: number): SessionDecryptor {
    return new SessionDecryptor(this.decryptorOptions(stream === this.explainStream));
  }

  dtlsDecryptorFor(conversation: number): DtlsDecryptor {
    return new DtlsDecryptor(this.decryptorOptions(conversation === this.explainConversation));
  }

  /**
   * What any session's decryption layer (TLS over TCP, DTLS over UDP) takes from the run: the
   * store, whether secrets were given, the --keylog-out writer, and the explain trace when asked.
   */
  decryptorOptions(traced = false): DecryptorOptions {
    const writer = this.writer;
    return {
      store: this.store,
      secretsAvailable: () => this.given,
      ...(traced ? { trace: this.trace } : {}),
      ...(writer === undefined
        ? {}
        : {
            onSolved: (s) => {
              if (s.masterSecret !== undefined) writer.writeMasterSecret(s.clientRandom, s.masterSecret);
              if (s.tls13 !== undefined) writer.writeTls13Secrets(s.clientRandom, s.tls13);
            },
          }),
    };
  }

  /** The run is over: keys that matched no certificate are reported; the key log out is closed. */
  finish(): Diagnostic[] {
    this.writer?.close();
    return this.store.unmatchedKeys().map((key) =>
      diagnostic('secret.key-unmatched', `the key in ${key.file} (SPKI SHA-256 ${key.spkiSha256.slice(0, 16)}…) matches no server certificate in the capture`),
    );
  }
}
