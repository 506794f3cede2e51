/** One capture of a several-file `keyhole dissect`, `stats` or `http`, on its own thread (see file-threads.ts). */
import { serveJob } from '../worker-thread.js';
import { dissectFile } from './commands/dissect.js';
import { httpFile } from './commands/http.js';
import { statsFile } from './commands/stats.js';
import { isFileJob, type FileJob } from './file-threads.js';

type Progress = (read: number, size: number) => void;

const PASSES: { readonly [P in FileJob['pass']]: (job: Extract<FileJob, { pass: P }>, progress: Progress) => Promise<unknown> } = {
  dissect: (job, progress) => dissectFile(job.file, job.flags, progress),
  stats: (job, progress) => statsFile(job.file, job.flags, progress),
  http: (job, progress) => httpFile(job.file, job.flags, progress),
};

function runPass<P extends FileJob['pass']>(job: Extract<FileJob, { pass: P }>, progress: Progress): Promise<unknown> {
  const pass: (typeof PASSES)[P] = PASSES[job.pass];
  return pass(job, progress);
}

await serveJob(isFileJob, runPass);
