/**
 * A display filter (wireshark-filter(4), the language of -Y) applied to the whole capture: one
 * analyze() pass with a FilterRecorder (and the HTTP parser feeding http.* fields, as -Y does).
 * The answer is plain data (a bit per frame, the matching streams) so it can cross threads.
 */
import { analyze } from '../../../dissect/analyze.js';
import type { DecryptionContext } from '../../../dissect/decrypt/context.js';
import { compileFilter, FilterRecorder } from '../../../dissect/filter/index.js';
import { withFilter } from '../../cli/filter-option.js';

export interface FilterResult {
  readonly text: string;
  /** Bit n (byte n >> 3, bit n & 7) is set when frame n matched. */
  readonly frames: Uint8Array;
  readonly streams: readonly number[];
}

export interface FilterMatches {
  readonly text: string;
  readonly frame: (frame: number) => boolean;
  readonly stream: (stream: number) => boolean;
}

/** Runs the filter over the capture; undefined when the text does not compile (the bar shows why). */
export async function filterCapture(path: string, text: string, decryption: DecryptionContext): Promise<FilterResult | undefined> {
  const compiled = compileFilter(text);
  if (!compiled.ok) return undefined;
  const recorder = await FilterRecorder.create(compiled.filter);
  const result = await analyze(path, withFilter({}, recorder), { decryption });
  recorder.end();
  const frames = new Uint8Array((result.capture.frames >> 3) + 1);
  for (let n = 1; n <= result.capture.frames; n++) if (recorder.matches(n)) frames[n >> 3] = (frames[n >> 3] ?? 0) | (1 << (n & 7));
  const streams = Array.from({ length: result.connections }, (_, s) => s).filter((s) => recorder.connectionMatches(s));
  return { text, frames, streams };
}

export function matchesOf(result: FilterResult): FilterMatches {
  const streams = new Set(result.streams);
  return { text: result.text, frame: (n) => ((result.frames[n >> 3] ?? 0) & (1 << (n & 7))) !== 0, stream: (s) => streams.has(s) };
}
