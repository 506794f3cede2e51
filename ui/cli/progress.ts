/**
 * A progress line on stderr for long runs: share of the file read, rate and time left. Shown only
 * when stderr is a terminal (and not with --quiet), redrawn at most ten times a second, and erased
 * when the run ends, so piped output and logs never see it.
 */
import { formatBytes } from './format/table.js';

export interface Progress {
  readonly update: (fileBytesRead: number, fileSize: number) => void;
  readonly done: () => void;
}

const SILENT: Progress = { update: () => undefined, done: () => undefined };
const REDRAW_MS = 100;

export function progress(label: string, quiet: boolean | undefined): Progress {
  if (quiet === true || process.stderr.isTTY !== true) return SILENT;
  const started = Date.now();
  let drawn = 0;
  let shown = false;
  return {
    update(read, size) {
      const now = Date.now();
      if (now - drawn < REDRAW_MS || size === 0) return;
      drawn = now;
      const seconds = (now - started) / 1000;
      const rate = seconds > 0 ? read / seconds : 0;
      const left = rate > 0 ? (size - read) / rate : 0;
      const share = Math.min(100, Math.floor((read / size) * 100));
      process.stderr.write(`\r\u001b[K${label}  ${share}%  ${formatBytes(read)} of ${formatBytes(size)}  ${formatBytes(rate)}/s  ${left.toFixed(1)} s left`);
      shown = true;
    },
    done() {
      if (shown) process.stderr.write('\r\u001b[K');
    },
  };
}

/** A progress line, or `report` told instead: a pass on a worker thread, whose caller draws one line for all files. */
export function progressOr(report: ((read: number, size: number) => void) | undefined, label: string, quiet: boolean | undefined): Progress {
  return report === undefined ? progress(label, quiet) : { update: report, done: () => undefined };
}
