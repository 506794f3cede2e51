/** Runs several display filters over one capture in a single analyze() pass. */
import { analyze, type AnalyzeListener } from '../../dissect/analyze.js';
import { DecryptionContext, type SecretOptions } from '../../dissect/decrypt/context.js';
import { compileFilter, FilterRecorder, formatFilterError } from '../../dissect/filter/index.js';

export interface FilterRun {
  /** Matching frame numbers per expression, in frame order. */
  readonly frames: Map<string, number[]>;
  readonly recorders: Map<string, FilterRecorder>;
}

export async function runFilters(file: string, expressions: readonly string[], secrets: SecretOptions = {}): Promise<FilterRun> {
  const frames = new Map<string, number[]>();
  const recorders = new Map<string, FilterRecorder>();
  for (const expression of expressions) {
    const compiled = compileFilter(expression);
    if (!compiled.ok) throw new Error(formatFilterError(expression, compiled.error).join('\n'));
    const matched: number[] = [];
    frames.set(expression, matched);
    recorders.set(expression, await FilterRecorder.create(compiled.filter, { onFrame: (n, m) => (m ? matched.push(n) : undefined) }));
  }
  const all = [...recorders.values()];
  const listener: AnalyzeListener = {
    frame: (p) => all.forEach((r) => r.frame(p)),
    packet: (p, c, d) => all.forEach((r) => r.packet(p, c, d)),
    udpPacket: (p, c) => all.forEach((r) => r.udpPacket(p, c)),
    record: (e) => all.forEach((r) => r.record(e)),
    message: (s, m, d) => all.forEach((r) => r.message(s, m, d)),
    retransmittedMessage: (s, m, d) => all.forEach((r) => r.retransmittedMessage(s, m, d)),
  };
  await analyze(file, listener, { decryption: await DecryptionContext.create(secrets) });
  all.forEach((r) => r.end());
  return { frames, recorders };
}
