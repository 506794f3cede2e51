/**
 * Time to first screen and key-press latency of `keyhole ui` on a large capture.
 *
 *   npx tsx --openssl-legacy-provider bench/tui-latency.ts CAPTURE [KEYFILE]
 *
 * In process: the App is rendered through ink-testing-library (every render written at once, so
 * a key's latency is the React + layout + render work from the key's arrival to the frame it
 * produces), while the background index runs. Then, when tmux is installed, the real CLI in a
 * 120x40 pseudo-terminal: time from spawning the process to the first connection row on screen,
 * run from source with tsx, or from a build when TUI_BENCH_CLI names its main.js
 * (e.g. `npx tsc -p tsconfig.build.json --outDir node_modules/.cache/kh-dist`).
 */
import { spawnSync } from 'node:child_process';

// As `keyhole ui` does: React's production build, chosen before React is first loaded.
process.env['NODE_ENV'] ??= 'production';
const { createElement } = await import('react');
const { render } = await import('ink-testing-library');
const { App } = await import('../ui/tui/components/App.js');
const { CaptureIndex } = await import('../ui/tui/model/capture-index.js');
const { DetailCache } = await import('../ui/tui/model/connection-detail.js');
const { FrameReader } = await import('../ui/tui/model/frame-reader.js');
const { detailLoader, filterRunner } = await import('../ui/tui/model/passes.js');

const [capture, keyFile] = process.argv.slice(2);
if (capture === undefined) {
  process.stderr.write('usage: tsx bench/tui-latency.ts CAPTURE [KEYFILE]\n');
  process.exit(2);
}

const KEYS = { down: '\u001B[B', up: '\u001B[A', pageDown: '\u001B[6~', enter: '\r', escape: '\u001B', tab: '\t' } as const;
/** Keys pressed in turn, as a person browsing would: through the connections, into one, through its packets and tree. */
const SCRIPT: readonly string[] = [
  'j', 'j', 'j', KEYS.pageDown, 'G', 'g', 's', 's', KEYS.enter,
  'j', 'j', KEYS.pageDown, KEYS.pageDown, 'G', 'g', 'j', KEYS.tab, 'j', 'j', KEYS.enter, 'x', KEYS.tab, 'j', KEYS.tab,
];

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
const ms = (from: bigint): number => Number(process.hrtime.bigint() - from) / 1e6;

function summary(values: readonly number[]): string {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  return `median ${at(0.5).toFixed(1)} ms, p95 ${at(0.95).toFixed(1)} ms, max ${at(1).toFixed(1)} ms over ${values.length} keys`;
}

async function inProcess(path: string): Promise<void> {
  const secrets = keyFile === undefined ? {} : { key: [keyFile] };
  const start = process.hrtime.bigint();
  const index = new CaptureIndex(path, secrets);
  const reader = new FrameReader(path);
  const app = render(
    createElement(App, { file: path, index, reader, details: new DetailCache(detailLoader(path, secrets)), runFilter: filterRunner(path, secrets), size: { columns: 120, rows: 40 }, color: false }),
  );
  const firstFrame = ms(start);
  while (!/^> 0 /m.test(app.lastFrame() ?? '')) await tick();
  const firstRows = ms(start);
  console.log(`first frame ${firstFrame.toFixed(0)} ms, first connection row ${firstRows.toFixed(0)} ms (index at ${index.frames.count} frames)`);

  const press = async (key: string): Promise<number> => {
    const before = app.frames.length;
    const t = process.hrtime.bigint();
    app.stdin.write(key);
    while (app.frames.length === before) await tick();
    const latency = ms(t);
    // Let Ink tell a bare Esc from a sequence, and the index publish, before the next key.
    await new Promise((resolve) => setTimeout(resolve, 60));
    return latency;
  };
  const during: number[] = [];
  for (const key of SCRIPT) {
    if (index.done) break;
    during.push(await press(key));
  }
  console.log(`keys while indexing: ${during.length === 0 ? 'none (indexing finished first)' : summary(during)}`);
  await index.finished;
  console.log(`indexed ${index.frames.count} frames, ${index.connections.length} connections in ${ms(start).toFixed(0)} ms; RSS ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MiB`);
  await press(KEYS.escape);
  await press(KEYS.escape);
  await press(KEYS.escape);
  const after: number[] = [];
  for (const key of SCRIPT) after.push(await press(key));
  console.log(`keys after indexing: ${summary(after)}`);
  if (process.env["TUI_BENCH_VERBOSE"] !== undefined) console.log(SCRIPT.map((k, i) => `${JSON.stringify(k)} ${after[i]?.toFixed(1)}`).join("\n"));
  app.unmount();
  await Promise.all([reader.close(), index.stop()]);
}

function inTmux(path: string): void {
  if (spawnSync('tmux', ['-V']).status !== 0) {
    console.log('tmux: not installed, skipped');
    return;
  }
  const socket = `keyhole-bench-${process.pid}`;
  const tmux = (...args: string[]) => spawnSync('tmux', ['-L', socket, ...args], { encoding: 'utf8' });
  const secrets = keyFile === undefined ? '' : `--key ${JSON.stringify(keyFile)}`;
  const built = process.env['TUI_BENCH_CLI'];
  const main = built === undefined ? '--import tsx ui/cli/main.ts' : JSON.stringify(built);
  const command = `env NO_COLOR=1 ${JSON.stringify(process.execPath)} --openssl-legacy-provider ${main} ui ${JSON.stringify(path)} ${secrets}`;
  const start = process.hrtime.bigint();
  tmux('new-session', '-d', '-s', 'bench', '-x', '120', '-y', '40', command);
  let screen = '';
  while (!/^> 0 /m.test(screen) && ms(start) < 30_000) screen = tmux('capture-pane', '-p', '-t', 'bench').stdout;
  console.log(`real CLI (${built ?? 'from source with tsx'}) in tmux 120x40: first connection row after ${ms(start).toFixed(0)} ms from process start`);
  tmux('kill-server');
}

await inProcess(capture);
inTmux(capture);
process.exit(0);
