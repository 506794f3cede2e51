/** `--stream N`, shared by the commands that work on one connection (follow, explain). */
import type { Transport } from '../../dissect/transport.js';
import { UsageError } from './errors.js';

export function parseStreamIndex(text: string): number {
  const index = Number(text);
  if (!Number.isInteger(index) || index < 0) throw new UsageError(`--stream takes a stream index (0, 1, ...), not '${text}'`);
  return index;
}

/** The error for a stream index the capture does not have, saying which it has. */
export function noSuchStream(transport: Transport, wanted: number, capture: string, count: number): UsageError {
  const last = count - 1;
  const has = count === 0 ? 'none' : last === 0 ? 'only stream 0' : `streams 0 to ${last}`;
  return new UsageError(`there is no ${transport.toUpperCase()} stream ${wanted} in ${capture} (it has ${has})`);
}
