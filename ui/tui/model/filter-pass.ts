/**
 * A display filter (wireshark-filter(4), the language of -Y) applied to the whole capture: one
 * analyze() pass with a FilterRecorder (and the HTTP parser feeding http.* fields, as -Y does).
 * A flow (TCP connection or UDP conversation) is kept when one of its frames matched. Runs on a
 * worker (index-worker.ts); its answer is plain data (filter-matches.ts).
 */
import { analyze } from '../../../dissect/analyze.js';
import type { DecryptionContext } from '../../../dissect/decrypt/context.js';
import { compileFilter, FilterRecorder } from '../../../dissect/filter/index.js';
import { withFilter } from '../../cli/filter-option.js';
import type { FilterResult } from './filter-matches.js';
import { flowKey } from './flow-key.js';

/** Runs the filter over the capture; undefined when the text does not compile (the bar shows why). */
export async function filterCapture(path: string, text: string, decryption: DecryptionContext): Promise<FilterResult | undefined> {
  const compiled = compileFilter(text);
  if (!compiled.ok) return undefined;
  const recorder = await FilterRecorder.create(compiled.filter);
  const result = await analyze(path, withFilter({}, recorder), { decryption });
  recorder.end();
  const frames = new Uint8Array((result.capture.frames >> 3) + 1);
  for (let n = 1; n <= result.capture.frames; n++) if (recorder.matches(n)) frames[n >> 3] = (frames[n >> 3] ?? 0) | (1 << (n & 7));
  const flows = new Set<number>();
  for (let s = 0; s < result.connections; s++) if (recorder.connectionMatches(s)) flows.add(flowKey({ transport: 'tcp', index: s }));
  for (let s = 0; s < result.udpConversations; s++) if (recorder.conversationMatches(s)) flows.add(flowKey({ transport: 'udp', index: s }));
  return { text, frames, flows: [...flows] };
}
