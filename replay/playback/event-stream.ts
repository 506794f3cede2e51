/**
 * Playback events as an async iterator over one streaming analyze() pass. The pass pushes events
 * into a queue; the consumer pulls them at its own pace (printing, waiting for the pacer); the
 * capture reader is held after each block it reads until the consumer has taken everything
 * queued, so memory holds the events of one read block, never the whole capture.
 */
import { analyze, type AnalyzeListener } from '../../dissect/analyze.js';
import type { DecryptionContext } from '../../dissect/decrypt/context.js';
import type { PipelineResult } from '../../dissect/pipeline.js';
import { mergeListeners } from '../../dissect/listeners.js';
import type { PlaybackEvent } from './events.js';
import { PlaybackTranslator, type FlowSelection } from './translator.js';

export interface PlaybackOptions {
  readonly decryption?: DecryptionContext;
  /** Which flows to play (all by default). */
  readonly selects?: FlowSelection;
  /** Further consumers of the same pass (a display filter's recorder, a progress counter). */
  readonly alsoListening?: AnalyzeListener;
  /** Told the pass's result once the capture is read. */
  readonly onEnd?: (result: PipelineResult) => void;
}

interface Waiter {
  readonly promise: Promise<void>;
  readonly resolve: () => void;
}

function waiter(): Waiter {
  let resolve = (): void => undefined;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

/**
 * The events of `capture` in capture order; a capture that cannot be read throws from the loop.
 * Leaving the loop early stops the events at once, and the pass stops reading at its next block.
 */
export async function* playbackEvents(capture: string, options: PlaybackOptions = {}): AsyncGenerator<PlaybackEvent> {
  let queue: PlaybackEvent[] = [];
  let taken = 0;
  let stopped = false;
  /** The consumer waits for events; the reader waits for the consumer. */
  let arrived: Waiter | undefined;
  let drained: Waiter | undefined;
  const translator = new PlaybackTranslator((event) => {
    if (stopped) return;
    queue.push(event);
    arrived?.resolve();
  }, options.selects);
  const listener = options.alsoListening === undefined ? translator : mergeListeners(options.alsoListening, translator);
  const backpressure = (): Promise<void> | undefined => {
    if (stopped || taken >= queue.length) return undefined;
    drained ??= waiter();
    return drained.promise;
  };
  let outcome: { readonly failure: unknown } | undefined;
  const stop = new AbortController();
  const pass = analyze(capture, listener, { ...(options.decryption === undefined ? {} : { decryption: options.decryption }), backpressure, signal: stop.signal }).then(
    (result) => {
      outcome = { failure: undefined };
      options.onEnd?.(result);
    },
    (failure: unknown) => {
      outcome = { failure: failure ?? new Error('the capture could not be read') };
    },
  );
  try {
    for (;;) {
      if (taken < queue.length) {
        const event = queue[taken++];
        if (event !== undefined) yield event;
        continue;
      }
      // Everything queued was taken: start a fresh array and let the reader go on.
      queue = [];
      taken = 0;
      drained?.resolve();
      drained = undefined;
      if (outcome !== undefined) {
        if (outcome.failure !== undefined) throw outcome.failure;
        return;
      }
      arrived = waiter();
      await Promise.race([arrived.promise, pass]);
      arrived = undefined;
    }
  } finally {
    // The pass reads no further block, queueing nothing and never held.
    stopped = true;
    stop.abort();
    drained?.resolve();
  }
}
