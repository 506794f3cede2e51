/**
 * A display filter's answer (filter-pass.ts) as plain data that can cross threads: a bit per
 * frame and the keys (flow-key.ts) of the flows with a matching frame; and the questions the UI
 * asks of it.
 */

export interface FilterResult {
  readonly text: string;
  /** Bit n (byte n >> 3, bit n & 7) is set when frame n matched. */
  readonly frames: Uint8Array;
  readonly flows: readonly number[];
}

export interface FilterMatches {
  readonly text: string;
  readonly frame: (frame: number) => boolean;
  readonly flow: (key: number) => boolean;
}

export function matchesOf(result: FilterResult): FilterMatches {
  const flows = new Set(result.flows);
  return { text: result.text, frame: (n) => ((result.frames[n >> 3] ?? 0) & (1 << (n & 7))) !== 0, flow: (key) => flows.has(key) };
}
