/**
 * One shard of a parallel `keyhole export` (see export-shards.ts): reads the whole capture,
 * decrypts and writes only its share of the connections, and posts the reports back.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { analyze } from '../../dissect/analyze.js';
import type { ShardJob, ShardMessage } from './export-shards.js';
import { decryptionContext } from './secret-options.js';
import { StreamFiles } from './stream-files.js';

/** Progress messages at most this often: the main thread only redraws a line. */
const PROGRESS_EVERY_MS = 100;

function isShardJob(value: unknown): value is ShardJob {
  if (typeof value !== 'object' || value === null) return false;
  return 'capture' in value && typeof value.capture === 'string' && 'out' in value && typeof value.out === 'string' && 'shard' in value && 'secrets' in value;
}

async function run(job: ShardJob): Promise<ShardMessage> {
  const decryption = await decryptionContext(job.secrets);
  const files = new StreamFiles(job.out);
  let lastProgress = 0;
  await analyze(job.capture, files, {
    decryption,
    shard: job.shard,
    reuseRecordBuffers: true,
    backpressure: () => files.backpressure(),
    onProgress(read, size) {
      const now = Date.now();
      if (now - lastProgress < PROGRESS_EVERY_MS) return;
      lastProgress = now;
      post({ kind: 'progress', read, size });
    },
  });
  decryption.finish();
  const { reports, written } = await files.close();
  return { kind: 'done', reports, written };
}

function post(message: ShardMessage): void {
  parentPort?.postMessage(message);
}

const job: unknown = workerData;
if (!isShardJob(job)) {
  post({ kind: 'failed', name: 'Error', message: 'export worker started without a job' });
} else {
  try {
    post(await run(job));
  } catch (error) {
    post({ kind: 'failed', name: error instanceof Error ? error.name : 'Error', message: error instanceof Error ? error.message : String(error) });
  }
}
