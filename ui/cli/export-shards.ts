/**
 * `keyhole export` on several cores: the capture is read by one worker thread per core, each
 * writing the streams of its share of the connections (see Shard in dissect/tcp/flow-table.ts);
 * the reports come back and are merged, so index.json and every file are what one pass writes.
 * Used for large uncompressed captures on machines with cores to spare (see MIN_CORES) when
 * nothing needs the whole capture in one place (no -Y, --http, --decrypted-pcap or --keylog-out).
 * KEYHOLE_THREADS=1 turns it off, =N forces N workers.
 */
import { availableParallelism } from 'node:os';
import { openSource } from '../../dissect/capture/source.js';
import { runJob } from '../worker-thread.js';
import type { SecretFlags } from './secret-options.js';
import type { StreamFilesResult, WrittenBytes } from './stream-files.js';

/** Below this, starting workers costs more than it saves. */
const MIN_BYTES = 64 * 1024 * 1024;
/**
 * Every shard reads and decodes the whole capture, and one pass already keeps a second core busy
 * (reads ahead and writes behind on libuv's thread pool): measured on 2 cores, two shards took
 * as long as one pass. Splitting pays only with cores to spare.
 */
const MIN_CORES = 4;

export interface ShardJob {
  readonly capture: string;
  readonly out: string;
  readonly secrets: Omit<SecretFlags, 'keylogOut'>;
  readonly shard: { readonly index: number; readonly count: number };
}

/** How many workers to use for this capture: 1 means the ordinary single pass. */
export async function shardCount(capture: string): Promise<number> {
  const forced = Number(process.env['KEYHOLE_THREADS']);
  if (Number.isInteger(forced) && forced >= 1) return forced;
  const cores = availableParallelism();
  if (cores < MIN_CORES) return 1;
  // The reader's own sniffing says whether the file is compressed (every shard would inflate it all).
  const source = await openSource(capture);
  await source.close();
  return source.compressed || source.fileSize < MIN_BYTES ? 1 : Math.min(cores - 1, 4);
}

export async function exportInShards(job: Omit<ShardJob, 'shard'>, count: number, onProgress?: (read: number, size: number) => void): Promise<StreamFilesResult> {
  const shard = (index: number): Promise<StreamFilesResult> => runJob(import.meta.url, 'export-worker', { ...job, shard: { index, count } }, index === 0 ? onProgress : undefined);
  const results = await Promise.all(Array.from({ length: count }, (_, index) => shard(index)));
  const written: WrittenBytes = new Map();
  for (const result of results) for (const [key, counts] of result.written) written.set(key, counts);
  return { reports: results.flatMap((r) => r.reports), written };
}
