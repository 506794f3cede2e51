/** Opens the UI on a fixture capture with ink-testing-library, and waits for screens by polling. */

/** A screen whose status bar no longer says "indexing", with the demo session decrypted. */
export const INDEXED_AND_DECRYPTED = /^(?![\s\S]*indexing)[\s\S]*✓ decrypted/;
import { render } from 'ink-testing-library';
import { App, type Size } from '../../ui/tui/components/App.js';
import { CaptureIndex } from '../../ui/tui/model/capture-index.js';
import { DetailCache } from '../../ui/tui/model/connection-detail.js';
import { FrameReader } from '../../ui/tui/model/frame-reader.js';
import { detailLoader, filterRunner } from '../../ui/tui/model/passes.js';
import { repoPath } from '../helpers/shared.js';

export const KEYS = { enter: '\r', down: '\u001B[B', up: '\u001B[A', escape: '\u001B', tab: '\t', backspace: '\u007F', right: '\u001B[C', left: '\u001B[D', pageUp: '\u001B[5~', pageDown: '\u001B[6~',
  /** xterm SGR mouse reports of the wheel (what the terminal sends with mouse reporting on). */
  wheelDown: '\u001B[<65;20;10M', wheelUp: '\u001B[<64;20;10M' } as const;

export interface OpenedApp {
  readonly frame: () => string;
  readonly press: (...keys: string[]) => Promise<void>;
  readonly waitFor: (text: string | RegExp, timeoutMs?: number) => Promise<string>;
  readonly index: CaptureIndex;
  /** Renders again at another terminal size, as a resize does. */
  readonly resize: (size: Size) => void;
  readonly close: () => Promise<void>;
}

export async function openApp(capture: string, keyFile: string | undefined, size: Size = { columns: 110, rows: 32 }, initialFilter?: string): Promise<OpenedApp> {
  const path = repoPath(capture);
  const secrets = keyFile === undefined ? {} : { key: [repoPath(keyFile)] };
  const index = new CaptureIndex(path, secrets);
  const reader = new FrameReader(path);
  const details = new DetailCache(detailLoader(path, secrets));
  const filter = filterRunner(path, secrets);
  const app = (at: Size) => (
    <App file={path} index={index} reader={reader} details={details} runFilter={filter} size={at} color={false} {...(initialFilter === undefined ? {} : { initialFilter })} />
  );
  const instance = render(app(size));
  const frame = (): string => instance.lastFrame() ?? '';
  const waitFor = async (text: string | RegExp, timeoutMs = 15_000): Promise<string> => {
    const deadline = Date.now() + timeoutMs;
    const seen = (): boolean => (typeof text === 'string' ? frame().includes(text) : text.test(frame()));
    while (!seen()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${String(text)}; the screen was:\n${frame()}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return frame();
  };
  const press = async (...keys: string[]): Promise<void> => {
    for (const key of keys) {
      instance.stdin.write(key);
      // Ink reads input on the next turn of the event loop; a bare Esc also waits to tell it from a sequence.
      await new Promise((resolve) => setTimeout(resolve, key === KEYS.escape ? 120 : 25));
    }
  };
  return {
    frame, press, waitFor, index,
    resize: (at) => instance.rerender(app(at)),
    close: async () => {
      instance.unmount();
      await index.stop();
      await reader.close();
    },
  };
}
