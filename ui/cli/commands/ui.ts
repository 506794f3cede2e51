/**
 * `keyhole ui CAPTURE`: the terminal browser (ui/tui/). It opens at once on the alternate screen
 * while the capture is indexed in the background, and restores the terminal on `q` or Ctrl+C.
 * Without a terminal it says so and points to `keyhole dissect`.
 */
import type { Command } from 'commander';
import { createElement } from 'react';
import { render } from 'ink';
import { openSource } from '../../../dissect/capture/source.js';
import { CaptureIndex } from '../../tui/model/capture-index.js';
import { DetailCache } from '../../tui/model/connection-detail.js';
import { runFilter } from '../../tui/model/filter-pass.js';
import { FrameReader } from '../../tui/model/frame-reader.js';
import { App } from '../../tui/components/App.js';
import { UsageError } from '../errors.js';
import { filterRecorder } from '../filter-option.js';
import { addSecretOptions, decryptionContext, type SecretFlags } from '../secret-options.js';

interface UiFlags extends SecretFlags {
  readonly filter?: string;
}

/** xterm's alternate screen with the cursor hidden, and back. */
const ENTER_SCREEN = '\u001b[?1049h\u001b[?25l';
const LEAVE_SCREEN = '\u001b[?25h\u001b[?1049l';

export function registerUi(program: Command): void {
  addSecretOptions(
    program
      .command('ui')
      .description('browse a capture in the terminal: connections, packets, detail trees, hex, follow, handshake ladder')
      .argument('<capture>', 'pcap or pcapng file (gzip is fine)'),
  )
    .option('-Y, --filter <expression>', 'Wireshark display filter to start with (/ changes it in the UI)')
    .addHelpText('after', '\nExamples:\n  keyhole ui capture.pcapng --key server.key\n  keyhole ui capture.pcap --keylog keys.log -Y \'tls.handshake.type == 1\'\n\nPress ? in the UI for the keys.\n')
    .action(async (capture: string, flags: UiFlags) => {
      if (process.stdout.isTTY !== true) throw new UsageError(`keyhole ui needs a terminal, and stdout is not one; for a text report run: keyhole dissect ${capture}`);
      await filterRecorder(flags.filter);
      await (await openSource(capture)).close();
      const decryption = await decryptionContext(flags);
      // Later passes decrypt the same way but must not write the --keylog-out file again.
      const { keylogOut: _written, ...again } = flags;
      const secrets = () => decryptionContext(again);
      const index = new CaptureIndex(capture, decryption);
      const reader = new FrameReader(capture);
      process.stdout.write(ENTER_SCREEN);
      const restore = (): void => void process.stdout.write(LEAVE_SCREEN);
      process.once('exit', restore);
      const app = render(
        createElement(App, {
          file: capture,
          index,
          reader,
          details: new DetailCache(capture, secrets),
          runFilter: async (text: string) => runFilter(capture, text, await secrets()),
          ...(flags.filter === undefined ? {} : { initialFilter: flags.filter }),
        }),
        { exitOnCtrlC: true, patchConsole: false },
      );
      await app.waitUntilExit();
      await reader.close();
      // The index pass may still be reading a large file: leaving is what the user asked for.
      process.exit(0);
    });
}
