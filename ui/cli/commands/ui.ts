/**
 * `keyhole ui CAPTURE`: the terminal browser (ui/tui/). It opens at once while the capture is
 * indexed in the background, and restores the terminal on `q` or Ctrl+C. Without a terminal it
 * says so and points to `keyhole dissect`.
 */
import type { Command } from 'commander';
import { openSource } from '../../../dissect/capture/source.js';
import { UsageError } from '../errors.js';
import { filterRecorder } from '../filter-option.js';
import { addSecretOptions, decryptionContext, type SecretFlags } from '../secret-options.js';

interface UiFlags extends SecretFlags {
  readonly filter?: string;
  /** Commander's negation of --no-mouse: true unless it was given. */
  readonly mouse: boolean;
}

export function registerUi(program: Command): void {
  addSecretOptions(
    program
      .command('ui')
      .description('browse a capture in the terminal: connections, packets, detail trees, hex, follow, handshake ladder')
      .argument('<capture>', 'pcap or pcapng file (gzip is fine)'),
  )
    .option('-Y, --filter <expression>', 'Wireshark display filter to start with (/ changes it in the UI)')
    .option('--no-mouse', 'leave the mouse to the terminal (its own text selection); otherwise the wheel scrolls')
    .addHelpText('after', "\nExamples:\n  keyhole ui capture.pcapng --key server.key\n  keyhole ui capture.pcap --keylog keys.log -Y 'tls.handshake.type == 1'\n\nPress ? in the UI for the keys.\n")
    .action(async (capture: string, flags: UiFlags) => {
      if (process.stdout.isTTY !== true) throw new UsageError(`keyhole ui needs a terminal, and stdout is not one; for a text report run: keyhole dissect ${capture}`);
      await filterRecorder(flags.filter);
      await (await openSource(capture)).close();
      // Unusable key files are reported now, before the screen changes.
      await decryptionContext(flags);
      // Later passes decrypt the same way but must not write the --keylog-out file again.
      const { keylogOut: _written, mouse, ...again } = flags;
      // The index worker starts first, so it reads the capture while the UI modules load.
      const { CaptureIndex } = await import('../../tui/model/capture-index.js');
      const index = new CaptureIndex(capture, flags);
      // React reads NODE_ENV when it is first loaded: its development build renders several times slower.
      process.env['NODE_ENV'] ??= 'production';
      const { startUi } = await withoutCiVariables(() => import('../../tui/start.js'));
      await startUi({ capture, index, again, filter: flags.filter, mouse });
      process.exit(0);
    });
}

/**
 * Ink reads CI and CONTINUOUS_INTEGRATION once, when it loads, and then draws nothing but the
 * last frame on exit: right for logs, a blank screen for someone in a terminal (a CI job's tmux,
 * a shell that exports CI). stdout is a terminal here, so Ink loads without them; they are put
 * back for everything else.
 */
async function withoutCiVariables<T>(load: () => Promise<T>): Promise<T> {
  const names = ['CI', 'CONTINUOUS_INTEGRATION'];
  const saved = names.map((name): [string, string | undefined] => [name, process.env[name]]);
  for (const name of names) delete process.env[name];
  try {
    return await load();
  } finally {
    for (const [name, value] of saved) if (value !== undefined) process.env[name] = value;
  }
}
