/** What the UI thread and the indexing thread (index-worker.ts) say to each other. */
import type { CaptureSummary } from '../../../dissect/capture/types.js';
import type { SecretFlags } from '../../cli/secret-options.js';
import type { ConnectionDelta } from './connection-entry.js';
import type { FrameColumns } from './frame-index.js';

export interface IndexJob {
  readonly path: string;
  readonly secrets: SecretFlags;
}

export interface IndexProgress {
  readonly bytesRead: number;
  readonly fileSize: number;
}

export type IndexMessage =
  | { readonly kind: 'batch'; readonly frames: FrameColumns; readonly connections: readonly ConnectionDelta[]; readonly progress: IndexProgress }
  | { readonly kind: 'done'; readonly capture: CaptureSummary }
  | { readonly kind: 'error'; readonly message: string };

export function isIndexJob(value: unknown): value is IndexJob {
  return typeof value === 'object' && value !== null && 'path' in value && typeof value.path === 'string' && 'secrets' in value && typeof value.secrets === 'object';
}

/**
 * The worker's start-up code. Running from source (tests, under tsx) the loader must be
 * registered in the worker first: Node 20 does not carry --import hooks into workers.
 */
export function workerSource(): string {
  const self = import.meta.url;
  if (!self.endsWith('.ts')) return `import(${JSON.stringify(new URL('./index-worker.js', self).href)});`;
  return `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(new URL('./index-worker.ts', self).href)}); });`;
}
