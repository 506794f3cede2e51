#!/usr/bin/env -S node --openssl-legacy-provider
/**
 * keyhole's command line. Each command lives in its own module under commands/; only the module
 * of the command being run is loaded (help loads them all), since start-up time counts. Unusable
 * input becomes one line and exit code 2.
 */
import { Command } from 'commander';
import { reportFatal } from './errors.js';

type Register = (program: Command) => void;

/** Command name -> its module's register function, in the order help lists them. */
const COMMANDS: ReadonlyArray<readonly [string, () => Promise<Register>]> = [
  ['dissect', async () => (await import('./commands/dissect.js')).registerDissect],
  ['streams', async () => (await import('./commands/streams.js')).registerStreams],
  ['follow', async () => (await import('./commands/follow.js')).registerFollow],
  ['http', async () => (await import('./commands/http.js')).registerHttp],
  ['export', async () => (await import('./commands/export.js')).registerExport],
  ['explain', async () => (await import('./commands/explain.js')).registerExplain],
  ['stats', async () => (await import('./commands/stats.js')).registerStats],
  ['ui', async () => (await import('./commands/ui.js')).registerUi],
  ['replay', async () => (await import('./commands/replay.js')).registerReplay],
];

const program = new Command();
program
  .name('keyhole')
  .description('Dissect, decrypt and replay TLS in packet captures (pcap, pcapng, gzip).')
  .version('0.1.0', '--version', 'print the keyhole version')
  .showHelpAfterError()
  .addHelpText(
    'after',
    `
Examples:
  keyhole dissect capture.pcapng                       TLS sessions, certificates, verdicts
  keyhole dissect capture.pcap --key server.key -V     every record and message, decrypted
  keyhole follow capture.pcap --stream 0 --keylog k.log
  keyhole export capture.pcapng --keylog k.log --out decrypted/
  keyhole explain capture.pcap --stream 0 --key server.key
  keyhole streams capture.pcap.gz                      TCP connections and reassembly anomalies
  keyhole ui capture.pcapng --key server.key           browse sessions, records, ladders in the terminal
  keyhole replay capture.pcap --stream 0 --key server.key --to staging:443 --compare`,
  );

program.exitOverride((error) => {
  process.exit(error.exitCode === 0 ? 0 : 2);
});

try {
  const asked = process.argv[2];
  const only = COMMANDS.filter(([name]) => name === asked);
  if (asked !== '--version') {
    for (const [, load] of only.length > 0 ? only : COMMANDS) (await load())(program);
  }
  await program.parseAsync(process.argv);
} catch (error) {
  process.exitCode = reportFatal(error);
}
