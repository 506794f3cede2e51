/**
 * Starts the app on the terminal: the capture index and loaders, then Ink on the alternate
 * screen (xterm private mode 1049), drawing only changed lines. Loaded by `keyhole ui` after it
 * has chosen React's production build, which renders several times faster than the development one.
 */
import { createElement } from 'react';
import { render } from 'ink';
import type { SecretFlags } from '../cli/secret-options.js';
import { App } from './components/App.js';
import type { CaptureIndex } from './model/capture-index.js';
import { DetailCache } from './model/connection-detail.js';
import { FrameReader } from './model/frame-reader.js';
import { detailLoader, filterRunner } from './model/passes.js';
import { MOUSE_OFF, MOUSE_ON } from './mouse.js';

export interface UiOptions {
  readonly capture: string;
  /** The index, started before this module loads so its worker reads while the UI loads. */
  readonly index: CaptureIndex;
  /** Secret options for the later passes (detail, filter). */
  readonly again: SecretFlags;
  readonly filter: string | undefined;
  /** Turn on mouse reporting, so the wheel scrolls (false: the terminal keeps the mouse). */
  readonly mouse: boolean;
}

/** xterm's alternate screen with the cursor hidden, and back. */
const ENTER_SCREEN = '\u001b[?1049h\u001b[?25l';
const LEAVE_SCREEN = '\u001b[?25h\u001b[?1049l';

/** Runs the app until the user quits; the terminal is restored on every way out. */
export async function startUi({ capture, index, again, filter, mouse }: UiOptions): Promise<void> {
  const reader = new FrameReader(capture);
  process.stdout.write(ENTER_SCREEN + (mouse ? MOUSE_ON : ''));
  const restore = (): void => void process.stdout.write((mouse ? MOUSE_OFF : '') + LEAVE_SCREEN);
  process.once('exit', restore);
  const app = render(
    createElement(App, {
      file: capture,
      index,
      reader,
      details: new DetailCache(detailLoader(capture, again)),
      runFilter: filterRunner(capture, again),
      ...(filter === undefined ? {} : { initialFilter: filter }),
    }),
    { exitOnCtrlC: true, patchConsole: false, incrementalRendering: true, maxFps: 60 },
  );
  await app.waitUntilExit();
  await Promise.all([reader.close(), index.stop()]);
}
