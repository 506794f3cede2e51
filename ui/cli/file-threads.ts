/**
 * Several captures on several cores: one worker thread per file (at most `threads` at a time),
 * each running the same per-file pass the command runs in order, with the reports returned in
 * the order the files were given, so the output is what one thread prints. Used when decrypting
 * files that together are large enough to repay starting threads: measured on 2 cores, two
 * 452 MB captures with the key took 3.7 s instead of 5.3 s, but without secrets as long as one
 * after another (one pass already keeps the second core busy reading ahead).
 * KEYHOLE_THREADS=1 turns it off, =N forces N threads.
 */
import { stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { runJob } from '../worker-thread.js';
import type { DissectFlags, FileReport } from './commands/dissect.js';
import type { FileExchanges, HttpFlags } from './commands/http.js';
import type { FileStats, StatsFlags } from './commands/stats.js';
import { progress } from './progress.js';
import type { SecretFlags } from './secret-options.js';

/** Below this much capture in all, a thread's start-up costs more than it saves. */
const MIN_BYTES = 32 * 1024 * 1024;

/** The per-file passes that can run on threads: each one's flags and result. */
export interface FilePasses {
  readonly dissect: { readonly flags: DissectFlags; readonly result: FileReport };
  readonly stats: { readonly flags: StatsFlags; readonly result: FileStats };
  readonly http: { readonly flags: HttpFlags; readonly result: FileExchanges };
}

export type FilePass = keyof FilePasses;

const FILE_PASSES: ReadonlySet<string> = new Set<FilePass>(['dissect', 'stats', 'http']);

export type FileJob = { [P in FilePass]: { readonly pass: P; readonly file: string; readonly flags: FilePasses[P]['flags'] } }[FilePass];

export function isFileJob(value: unknown): value is FileJob {
  if (typeof value !== 'object' || value === null) return false;
  return 'pass' in value && typeof value.pass === 'string' && FILE_PASSES.has(value.pass) && 'file' in value && typeof value.file === 'string' && 'flags' in value && typeof value.flags === 'object';
}

/**
 * Runs `pass` over the captures, results in the order given: on worker threads when that pays,
 * else one after another on this thread with `here`. A pass that prints as it reads (-V,
 * --ndjson) and a --keylog-out file, which takes one writer, always go one after another.
 */
export async function overFiles<P extends FilePass>(
  pass: P,
  captures: readonly string[],
  flags: FilePasses[P]['flags'],
  printsAsItReads: boolean,
  here: (file: string) => Promise<FilePasses[P]['result']>,
): Promise<Array<FilePasses[P]['result']>> {
  const threads = printsAsItReads || flags.keylogOut !== undefined ? 1 : await fileThreads(captures, flags);
  if (threads > 1) return inFileThreads(pass, captures, flags, threads);
  const results: Array<FilePasses[P]['result']> = [];
  for (const file of captures) results.push(await here(file));
  return results;
}

/** How many threads to use for these files: 1 means one after another on this thread. */
async function fileThreads(captures: readonly string[], secrets: SecretFlags): Promise<number> {
  if (captures.length < 2) return 1;
  const forced = Number(process.env['KEYHOLE_THREADS']);
  if (Number.isInteger(forced) && forced >= 1) return Math.min(forced, captures.length);
  const decrypting = [secrets.key, secrets.keylog, secrets.psk].some((given) => given !== undefined && given.length > 0);
  const cores = availableParallelism();
  if (cores < 2 || !decrypting) return 1;
  return sum(await fileSizes(captures)) < MIN_BYTES ? 1 : Math.min(cores, captures.length);
}

/** A file that cannot be read counts 0 here: the pass itself reports it, in order. */
function fileSizes(captures: readonly string[]): Promise<number[]> {
  return Promise.all(captures.map((file) => stat(file).then((s) => s.size, () => 0)));
}

/** Runs `pass` over each capture on worker threads (file-worker.ts), results in the order given. */
async function inFileThreads<P extends FilePass>(pass: P, captures: readonly string[], flags: FilePasses[P]['flags'], threads: number): Promise<Array<FilePasses[P]['result']>> {
  const bar = progress(`${captures.length} files`, flags.quiet);
  const total = sum(await fileSizes(captures));
  const read = captures.map(() => 0);
  const outcomes: Array<Promise<FilePasses[P]['result']>> = [];
  let next = 0;
  // Each lane takes the next file when its last one is done.
  const lane = async (): Promise<void> => {
    for (let i = next++; i < captures.length; i = next++) {
      const job = { pass, file: captures[i] ?? '', flags };
      const outcome = runJob<FilePasses[P]['result']>(import.meta.url, 'file-worker', job, (bytes) => {
        read[i] = bytes;
        bar.update(sum(read), total);
      });
      outcomes[i] = outcome;
      await outcome.then(() => undefined, () => undefined);
    }
  };
  await Promise.all(Array.from({ length: threads }, lane));
  try {
    // In file order: the first failing file is reported, as it would be one after another.
    return await Promise.all(outcomes);
  } finally {
    bar.done();
  }
}

function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}
