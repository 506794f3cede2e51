/**
 * `keyhole replay --playback` as the command owner wires it (ui/cli/commands/replay.ts adds the
 * common options and calls runPlayback), so the playback tests run the real code as a process
 * whether or not the replay command exists yet. Run: node --import tsx playback-harness.ts replay CAPTURE --playback ...
 */
import { Command } from 'commander';
import { reportFatal } from '../../ui/cli/errors.js';
import { addPlaybackOptions, runPlayback, type PlaybackFlags } from '../../ui/cli/commands/replay-playback.js';
import { addSecretOptions } from '../../ui/cli/secret-options.js';

const program = new Command().exitOverride((error) => process.exit(error.exitCode === 0 ? 0 : 2));
addSecretOptions(
  addPlaybackOptions(
    program
      .command('replay')
      .argument('<capture>')
      .option('-s, --stream <n>')
      .option('-Y, --filter <expression>')
      .option('--timing <timing>')
      .option('--speed <factor>')
      .option('--ndjson')
      .option('--json'),
  ),
).action((capture: string, flags: PlaybackFlags) => runPlayback(capture, flags));

try {
  await program.parseAsync(process.argv);
} catch (error) {
  process.exitCode = reportFatal(error);
}
