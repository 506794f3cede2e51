/** Runs keyhole's decryption over a capture and collects what each stream decrypted to. */
import { createHash } from 'node:crypto';
import { analyze } from '../../dissect/analyze.js';
import { DecryptionContext, type SecretOptions } from '../../dissect/decrypt/context.js';
import { SessionDecryptor } from '../../dissect/decrypt/session-decryptor.js';
import type { DecryptionVerdict } from '../../dissect/decrypt/verdict.js';
import type { TlsSession } from '../../dissect/tls/session.js';

export interface DecryptedStream {
  readonly client: Uint8Array;
  readonly server: Uint8Array;
  readonly verdict: DecryptionVerdict | undefined;
  readonly session: TlsSession;
}

export async function decryptCapture(file: string, secrets: SecretOptions): Promise<Map<number, DecryptedStream>> {
  const decryption = await DecryptionContext.create(secrets);
  const parts = new Map<number, [Uint8Array[], Uint8Array[]]>();
  const out = new Map<number, DecryptedStream>();
  await analyze(
    file,
    {
      applicationData(session, direction, plaintext) {
        const entry = parts.get(session.connection.index) ?? [[], []];
        entry[direction].push(plaintext.slice());
        parts.set(session.connection.index, entry);
      },
      finished(connection, session) {
        const [client, server] = parts.get(connection.index) ?? [[], []];
        const opener = session.opener;
        out.set(connection.index, {
          client: Buffer.concat(client),
          server: Buffer.concat(server),
          verdict: opener instanceof SessionDecryptor ? opener.tracker.verdict() : undefined,
          session,
        });
      },
    },
    { decryption },
  );
  return out;
}

export function digest(bytes: Uint8Array): { length: number; sha256: string } {
  return { length: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') };
}
