/** One capture of a `keyhole dissect` of several files, on its own thread (see file-threads.ts). */
import { serveJob } from '../worker-thread.js';
import { dissectFile } from './commands/dissect.js';
import { isDissectJob } from './file-threads.js';

await serveJob(isDissectJob, (job, progress) => dissectFile(job.file, job.flags, progress));
