/**
 * `keyhole explain CAPTURE --stream N`: the handshake told as the story a person learns it, with
 * this session's real values: hellos, the certificate checks, the pre-master secret, the master
 * secret (PRF, label, seed or session hash), the key block cut into keys, and the first record
 * decrypted; for TLS 1.3 the key schedule from the key log. It prints key material on purpose.
 */
import type { Command } from 'commander';
import { analyze } from '../../../dissect/analyze.js';
import { connectionReport, type ConnectionReport } from '../../../dissect/report.js';
import type { TlsSession } from '../../../dissect/tls/session.js';
import { UsageError } from '../errors.js';
import { noSuchStream, parseStreamIndex } from '../stream-option.js';
import { explainStory } from '../explain-story.js';
import { writeLine } from '../output.js';
import { addSecretOptions, decryptionContext, type SecretFlags } from '../secret-options.js';

interface ExplainFlags extends SecretFlags {
  readonly stream: string;
}

export function registerExplain(program: Command): void {
  addSecretOptions(
    program
      .command('explain')
      .description("tell one session's handshake and key schedule step by step, with its real values")
      .argument('<capture>', 'pcap or pcapng file')
      .requiredOption('-s, --stream <n>', 'TCP stream index'),
  )
    .addHelpText('after', '\nExamples:\n  keyhole explain capture.pcap --stream 0 --key server.key\n  keyhole explain capture.pcapng -s 2 --keylog keys.log\n')
    .action(async (capture: string, flags: ExplainFlags) => {
      const wanted = parseStreamIndex(flags.stream);
      const decryption = await decryptionContext(flags);
      decryption.explainStream = wanted;
      let found: { session: TlsSession; report: Promise<ConnectionReport> } | undefined;
      const result = await analyze(capture, { finished(connection, session) {
        if (connection.index === wanted) found = { session, report: connectionReport(connection, session) };
      } }, { decryption });
      if (found === undefined) throw noSuchStream('tcp', wanted, capture, result.connections);
      const report = await found.report;
      if (report.tls === null) throw new UsageError(`stream ${wanted} does not carry TLS`);
      for (const line of explainStory(found.session, report, decryption.trace)) writeLine(line);
    });
}
