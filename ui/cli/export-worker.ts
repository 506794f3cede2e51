/**
 * One shard of a parallel `keyhole export` (see export-shards.ts): reads the whole capture,
 * decrypts and writes only its share of the connections, and posts the reports back.
 */
import { analyze } from '../../dissect/analyze.js';
import { serveJob } from '../worker-thread.js';
import type { ShardJob } from './export-shards.js';
import { decryptionContext } from './secret-options.js';
import { StreamFiles, type StreamFilesResult } from './stream-files.js';

function isShardJob(value: unknown): value is ShardJob {
  if (typeof value !== 'object' || value === null) return false;
  return 'capture' in value && typeof value.capture === 'string' && 'out' in value && typeof value.out === 'string' && 'shard' in value && 'secrets' in value;
}

await serveJob(isShardJob, async (job, progress): Promise<StreamFilesResult> => {
  const decryption = await decryptionContext(job.secrets);
  const files = new StreamFiles(job.out);
  await analyze(job.capture, files, {
    decryption,
    shard: job.shard,
    reuseRecordBuffers: true,
    backpressure: () => files.backpressure(),
    onProgress: progress,
  });
  decryption.finish();
  return files.close();
});
