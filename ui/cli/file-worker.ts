/** One capture of a several-file `keyhole dissect` or `keyhole stats`, on its own thread (see file-threads.ts). */
import { serveJob } from '../worker-thread.js';
import { dissectFile } from './commands/dissect.js';
import { statsFile } from './commands/stats.js';
import { isFileJob, type FileJob } from './file-threads.js';

type Progress = (read: number, size: number) => void;

function runPass(job: FileJob, progress: Progress): Promise<unknown> {
  return job.pass === 'dissect' ? dissectFile(job.file, job.flags, progress) : statsFile(job.file, job.flags, progress);
}

await serveJob(isFileJob, runPass);
