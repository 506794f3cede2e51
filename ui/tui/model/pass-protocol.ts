/**
 * What the UI thread and its worker threads (index-worker.ts) say to each other. Every analyze()
 * pass of the UI (the index, a connection's detail, a display filter) runs on a worker, so the
 * UI thread only draws and answers keys however heavy the decryption is.
 */
import type { Worker } from 'node:worker_threads';
import { startWorker } from '../../worker-thread.js';
import type { CaptureSummary } from '../../../dissect/capture/types.js';
import type { SecretFlags } from '../../cli/secret-options.js';
import type { ConnectionDetail } from './connection-detail.js';
import type { ConnectionDelta } from './connection-entry.js';
import type { FilterResult } from './filter-matches.js';
import type { FrameColumns } from './frame-index.js';

interface JobFields {
  readonly index: object;
  readonly detail: { readonly flow: number };
  readonly filter: { readonly text: string };
}

export type PassKind = keyof JobFields;
/** A pass over `path`, decrypting with `secrets`. */
export type PassJob<K extends PassKind = PassKind> = { [P in K]: { readonly kind: P; readonly path: string; readonly secrets: SecretFlags } & JobFields[P] }[K];

export interface IndexProgress {
  readonly bytesRead: number;
  readonly fileSize: number;
}

export type PassMessage =
  | { readonly kind: 'batch'; readonly frames: FrameColumns; readonly connections: readonly ConnectionDelta[]; readonly progress: IndexProgress }
  | { readonly kind: 'done'; readonly capture: CaptureSummary }
  | { readonly kind: 'detail'; readonly detail: ConnectionDetail }
  | { readonly kind: 'filter'; readonly result: FilterResult | undefined }
  | { readonly kind: 'error'; readonly message: string };

const KINDS: ReadonlySet<string> = new Set<PassKind>(['index', 'detail', 'filter']);

export function isPassJob(value: unknown): value is PassJob {
  return typeof value === 'object' && value !== null && 'kind' in value && typeof value.kind === 'string' && KINDS.has(value.kind) && 'path' in value && typeof value.path === 'string';
}

export function startPass(job: PassJob): Worker {
  return startWorker(import.meta.url, 'index-worker', job);
}

/** Runs a one-answer pass (detail, filter) and resolves with its answer. */
export function passAnswer(job: PassJob<'detail' | 'filter'>): Promise<PassMessage> {
  return new Promise((resolve, reject) => {
    const worker = startPass(job);
    worker.on('message', (message: PassMessage) => resolve(message));
    worker.on('error', reject);
    worker.on('exit', () => reject(new Error(`the ${job.kind} pass stopped without an answer`)));
  });
}
