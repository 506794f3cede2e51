#!/usr/bin/env -S node --openssl-legacy-provider
/**
 * keyhole's command line. Each command lives in its own module under commands/; this file wires
 * them into commander and turns unusable input into one line and exit code 2.
 */
import { Command } from 'commander';
import { registerDissect } from './commands/dissect.js';
import { registerExport } from './commands/export.js';
import { registerExplain } from './commands/explain.js';
import { registerFollow } from './commands/follow.js';
import { registerStreams } from './commands/streams.js';
import { reportFatal } from './errors.js';

const program = new Command();
program
  .name('keyhole')
  .description('Dissect, decrypt and replay TLS in packet captures (pcap, pcapng, gzip).')
  .version('0.1.0', '--version', 'print the keyhole version')
  .showHelpAfterError()
  .addHelpText('after', '\nExamples:\n  keyhole streams capture.pcapng\n');

registerStreams(program);
registerDissect(program);
registerFollow(program);
registerExport(program);
registerExplain(program);

program.exitOverride((error) => {
  process.exit(error.exitCode === 0 ? 0 : 2);
});

try {
  await program.parseAsync(process.argv);
} catch (error) {
  process.exitCode = reportFatal(error);
}
