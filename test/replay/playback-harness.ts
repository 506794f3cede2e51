/**
 * `keyhole replay --playback` with only the playback mode wired, the way ui/cli/commands/replay.ts
 * adds the common options (parsed to numbers) and calls runPlayback, so the playback tests run
 * runPlayback as a process whatever state the other replay modes are in. Run: node --import tsx playback-harness.ts replay CAPTURE --playback ...
 */
import { Command, Option } from 'commander';
import { reportFatal } from '../../ui/cli/errors.js';
import { addPlaybackOptions, runPlayback, type PlaybackFlags } from '../../ui/cli/commands/replay-playback.js';
import { addSecretOptions } from '../../ui/cli/secret-options.js';
import { parseStreamIndex } from '../../ui/cli/stream-option.js';

const program = new Command().exitOverride((error) => process.exit(error.exitCode === 0 ? 0 : 2));
addSecretOptions(
  addPlaybackOptions(
    program
      .command('replay')
      .argument('<capture>')
      .option('-s, --stream <n>', 'tcp.stream', parseStreamIndex)
      .option('-Y, --filter <expression>')
      .addOption(new Option('--timing <timing>').choices(['original', 'fast']))
      .option('--speed <factor>', 'a time scale (replay.ts validates it; here any number)', Number)
      .option('--ndjson')
      .option('--json'),
  ),
).action((capture: string, flags: PlaybackFlags) => runPlayback(capture, flags));

try {
  await program.parseAsync(process.argv);
} catch (error) {
  process.exitCode = reportFatal(error);
}
