/**
 * A key log file (--keylog, SSLKEYLOGFILE) read as a stream of chunks through KeyLogParser, so
 * a large log is never held whole. A file that cannot be opened is an unusable input.
 */
import { createReadStream } from 'node:fs';
import { SecretInputError, fileProblem, isMissingFile } from './errors.js';
import { KeyLogParser, joinBatches } from './keylog.js';
import type { KeyLogBatch } from './keylog.js';

export async function readKeyLogFile(path: string): Promise<KeyLogBatch> {
  const parser = new KeyLogParser({ origin: 'keylog', name: path });
  const batches: KeyLogBatch[] = [];
  try {
    for await (const chunk of createReadStream(path)) {
      if (chunk instanceof Uint8Array) batches.push(parser.push(chunk));
    }
  } catch (error: unknown) {
    throw new SecretInputError(isMissingFile(error) ? `Key log ${path} does not exist.` : `Key log ${path} cannot be read: ${fileProblem(error)}.`);
  }
  batches.push(parser.end());
  return joinBatches(batches);
}
