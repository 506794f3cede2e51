/**
 * One fuzz input through the whole product path (capture reader, TCP/UDP, TLS/DTLS, decryption,
 * HTTP, reports) with the bounds a fuzz run holds it to, and the minimiser that turns a failing
 * input into a small regression file (whole packet records dropped, then the tail cut).
 */
import { writeFileSync } from 'node:fs';
import { analyze } from '../../dissect/analyze.js';
import { readCapture } from '../../dissect/capture/reader.js';
import { DecryptionContext } from '../../dissect/decrypt/context.js';
import { HttpAnalyzer } from '../../dissect/http/analyzer.js';
import { mergeListeners } from '../../dissect/listeners.js';
import { connectionReport, conversationReport } from '../../dissect/report.js';
import { recordOf, type FrameSpan } from './mutations.js';

export interface Subject {
  /** Absolute paths. */
  readonly capture: string;
  readonly key?: string;
  readonly keylog?: string;
}

/** Time and memory one input may take (the fixtures take milliseconds and a few MB). */
export const PER_INPUT_MS = 5000;
export const PER_INPUT_BYTES = 256 * 1024 * 1024;
const SAMPLE_EVERY_FRAMES = 64;

export type Outcome = { readonly ok: true } | { readonly ok: false; readonly problem: string };

function liveBytes(): number {
  const usage = process.memoryUsage();
  return usage.heapUsed + usage.arrayBuffers;
}

/** Runs one capture file; a refusal of the whole file (CaptureError) is a clean outcome. */
export async function runInput(file: string, subject: Subject): Promise<Outcome> {
  const started = Date.now();
  const baseline = liveBytes();
  let peak = 0;
  let frames = 0;
  try {
    const decryption = await DecryptionContext.create({
      keys: subject.key === undefined ? [] : [subject.key],
      keylogs: subject.keylog === undefined ? [] : [subject.keylog],
    });
    const reports: Array<Promise<unknown>> = [];
    const http = new HttpAnalyzer(() => undefined, { keepBodies: true });
    await analyze(
      file,
      mergeListeners(http, {
        frame() {
          if (++frames % SAMPLE_EVERY_FRAMES === 0) peak = Math.max(peak, liveBytes() - baseline);
        },
        finished: (c, s) => reports.push(connectionReport(c, s)),
        finishedUdp: (c, s) => reports.push(conversationReport(c, s)),
      }),
      { decryption },
    );
    await Promise.all(reports);
  } catch (error) {
    if (!(error instanceof Error && error.name === 'CaptureError')) return { ok: false, problem: `threw: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}` };
  }
  peak = Math.max(peak, liveBytes() - baseline);
  const took = Date.now() - started;
  if (took > PER_INPUT_MS) return { ok: false, problem: `took ${took} ms (bound ${PER_INPUT_MS} ms)` };
  if (peak > PER_INPUT_BYTES) return { ok: false, problem: `grew memory by ${(peak / 1e6).toFixed(0)} MB (bound ${PER_INPUT_BYTES / 1e6} MB)` };
  return { ok: true };
}

/** The packet records of a capture image (headers included) and where the first one starts. */
export interface Layout {
  readonly head: number;
  readonly records: readonly FrameSpan[];
}

/** Where each packet's record lies in a capture image, from the reader's frame offsets. */
export async function layoutOf(file: string, bytes: Uint8Array): Promise<Layout> {
  const records: FrameSpan[] = [];
  await readCapture(file, {
    onFrame: (f) => {
      const record = recordOf(bytes, { start: f.fileOffset, end: f.fileOffset + f.data.length });
      if (record !== undefined) records.push(record);
    },
  });
  return { head: records[0]?.start ?? bytes.length, records };
}

/**
 * Shrinks a failing input: drops runs of whole packet records (halving the run length down to
 * one record) while the problem stays, then cuts the file short while it still fails. `fails`
 * decides; each try writes the candidate to `scratch`.
 */
export async function minimise(bytes: Uint8Array, layout: Layout, scratch: string, fails: (file: string) => Promise<boolean>, budgetMs = 30_000): Promise<Uint8Array> {
  const deadline = Date.now() + budgetMs;
  const attempt = async (candidate: Uint8Array): Promise<boolean> => {
    writeFileSync(scratch, candidate);
    return fails(scratch);
  };
  const assemble = (kept: readonly FrameSpan[], tail: Uint8Array): Uint8Array =>
    Buffer.concat([bytes.subarray(0, layout.head), ...kept.map((r) => bytes.subarray(r.start, r.end)), tail]);
  const last = layout.records[layout.records.length - 1];
  const tail = last === undefined ? new Uint8Array(0) : bytes.subarray(last.end);
  let records = layout.records.slice();
  let best = bytes;
  for (let run = Math.max(1, Math.floor(records.length / 2)); run >= 1 && Date.now() < deadline; run = Math.floor(run / 2)) {
    for (let at = 0; at < records.length && Date.now() < deadline; ) {
      const fewer = [...records.slice(0, at), ...records.slice(at + run)];
      const candidate = assemble(fewer, tail);
      if (await attempt(candidate)) {
        records = fewer;
        best = candidate;
      } else {
        at += run;
      }
    }
  }
  for (let cut = Math.floor(best.length / 2); cut >= 1 && Date.now() < deadline; cut = Math.floor(cut / 2)) {
    while (best.length > cut && Date.now() < deadline) {
      const shorter = best.subarray(0, best.length - cut);
      if (!(await attempt(shorter))) break;
      best = shorter.slice();
    }
  }
  return best;
}
