/**
 * A display filter (wireshark-filter(4), the language of -Y) applied to the whole capture: one
 * analyze() pass with a FilterRecorder (and the HTTP parser feeding http.* fields, as -Y does),
 * which then answers per frame and per tcp.stream.
 */
import { analyze } from '../../../dissect/analyze.js';
import type { DecryptionContext } from '../../../dissect/decrypt/context.js';
import { compileFilter, FilterRecorder } from '../../../dissect/filter/index.js';
import { withFilter } from '../../cli/filter-option.js';

export interface FilterMatches {
  readonly text: string;
  readonly frame: (frame: number) => boolean;
  readonly stream: (stream: number) => boolean;
}

/** Runs the filter over the capture; undefined when the text does not compile (the bar shows why). */
export async function runFilter(path: string, text: string, decryption: DecryptionContext): Promise<FilterMatches | undefined> {
  const compiled = compileFilter(text);
  if (!compiled.ok) return undefined;
  const recorder = await FilterRecorder.create(compiled.filter);
  await analyze(path, withFilter({}, recorder), { decryption });
  recorder.end();
  return { text, frame: (n) => recorder.matches(n), stream: (s) => recorder.connectionMatches(s) };
}
