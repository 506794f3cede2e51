/**
 * Starting a worker thread on a module that sits beside the caller, from the compiled bundle
 * (dist/bin, where every worker is an entry point) or from source under tsx (tests): Node 20 does
 * not carry --import loader hooks into workers, so from source the loader is registered inside the
 * worker before the module is imported.
 */
import { Worker } from 'node:worker_threads';

/** `callerUrl` is the caller's import.meta.url; `name` the worker module's name without extension. */
export function startWorker(callerUrl: string, name: string, workerData: unknown): Worker {
  const fromSource = callerUrl.endsWith('.ts');
  const target = JSON.stringify(new URL(`./${name}.${fromSource ? 'ts' : 'js'}`, callerUrl).href);
  const source = fromSource ? `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${target}); });` : `import(${target});`;
  return new Worker(source, { eval: true, workerData });
}
