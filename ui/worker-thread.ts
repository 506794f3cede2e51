/**
 * Starting a worker thread on a module that sits beside the caller, from the compiled bundle
 * (dist/bin, where every worker is an entry point) or from source under tsx (tests): Node 20 does
 * not carry --import loader hooks into workers, so from source the loader is registered inside the
 * worker before the module is imported. runJob and serveJob are the two sides of a worker that
 * takes one job and answers once.
 */
import { Worker, parentPort, workerData } from 'node:worker_threads';
import { errorNamed } from './cli/errors.js';

/** `callerUrl` is the caller's import.meta.url; `name` the worker module's name without extension. */
export function startWorker(callerUrl: string, name: string, workerData: unknown): Worker {
  const fromSource = callerUrl.endsWith('.ts');
  const target = JSON.stringify(new URL(`./${name}.${fromSource ? 'ts' : 'js'}`, callerUrl).href);
  const source = fromSource ? `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${target}); });` : `import(${target});`;
  return new Worker(source, { eval: true, workerData });
}

/** What a one-job worker posts: progress now and then, then its result or its failure. */
export type JobMessage<T> =
  | { readonly kind: 'progress'; readonly read: number; readonly size: number }
  | { readonly kind: 'done'; readonly result: T }
  | { readonly kind: 'failed'; readonly name: string; readonly message: string };

/**
 * Runs the worker module `name` (beside `callerUrl`) on one job and resolves with its result.
 * A failure comes back as an error of the same class (errorNamed), so it exits the same way.
 */
export function runJob<T>(callerUrl: string, name: string, job: unknown, onProgress?: (read: number, size: number) => void): Promise<T> {
  return new Promise((resolve, reject) => {
    const worker = startWorker(callerUrl, name, job);
    let settled = false;
    worker.on('message', (message: JobMessage<T>) => {
      if (message.kind === 'progress') {
        onProgress?.(message.read, message.size);
        return;
      }
      settled = true;
      if (message.kind === 'done') resolve(message.result);
      else reject(errorNamed(message.name, message.message));
    });
    worker.on('error', (error) => {
      settled = true;
      reject(error);
    });
    worker.on('exit', (code) => {
      if (!settled) reject(new Error(`the ${name} thread stopped with code ${code}`));
    });
  });
}

/** Progress messages at most this often: the main thread only redraws a line. */
const PROGRESS_EVERY_MS = 100;

/** The worker's side of runJob: runs `work` on this thread's job and posts its result or its failure. */
export async function serveJob<J, T>(isJob: (value: unknown) => value is J, work: (job: J, progress: (read: number, size: number) => void) => Promise<T>): Promise<void> {
  const post = (message: JobMessage<T>): void => parentPort?.postMessage(message);
  const job: unknown = workerData;
  if (!isJob(job)) {
    post({ kind: 'failed', name: 'Error', message: 'worker thread started without a job' });
    return;
  }
  let lastProgress = 0;
  const progress = (read: number, size: number): void => {
    const now = Date.now();
    if (now - lastProgress < PROGRESS_EVERY_MS) return;
    lastProgress = now;
    post({ kind: 'progress', read, size });
  };
  try {
    post({ kind: 'done', result: await work(job, progress) });
  } catch (error) {
    post({ kind: 'failed', name: error instanceof Error ? error.name : 'Error', message: error instanceof Error ? error.message : String(error) });
  }
}
