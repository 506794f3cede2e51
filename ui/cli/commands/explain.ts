/**
 * `keyhole explain CAPTURE --stream N`: the handshake told as the story a person learns it, with
 * this session's real values: hellos, the certificate checks, the pre-master secret, the master
 * secret (PRF, label, seed or session hash), the key block cut into keys, and the first record
 * decrypted; for TLS 1.3 the key schedule from the key log. `--udp` tells the DTLS session of
 * udp.stream N. It prints key material on purpose.
 */
import type { Command } from 'commander';
import { analyze } from '../../../dissect/analyze.js';
import { connectionReport, conversationReport, type SessionReport } from '../../../dissect/report.js';
import type { TlsSession } from '../../../dissect/tls/session.js';
import { SESSION_PROTOCOL } from '../../../dissect/transport.js';
import { UsageError } from '../errors.js';
import { noSuchStream, parseStreamIndex } from '../stream-option.js';
import { explainStory } from '../explain-story.js';
import { writeLine } from '../output.js';
import { addSecretOptions, decryptionContext, type SecretFlags } from '../secret-options.js';

interface ExplainFlags extends SecretFlags {
  readonly stream: string;
  readonly udp?: boolean;
}

export function registerExplain(program: Command): void {
  addSecretOptions(
    program
      .command('explain')
      .description("tell one session's handshake and key schedule step by step, with its real values")
      .argument('<capture>', 'pcap or pcapng file')
      .requiredOption('-s, --stream <n>', 'stream index (as in `keyhole dissect`: Wireshark tcp.stream, or udp.stream with --udp)')
      .option('--udp', 'explain the DTLS session of a UDP conversation (udp.stream N) instead of a TCP connection'),
  )
    .addHelpText(
      'after',
      '\nExamples:\n  keyhole explain capture.pcap --stream 0 --key server.key\n  keyhole explain capture.pcapng -s 2 --keylog keys.log\n  keyhole explain dtls.pcap --udp -s 0 --key server.key\n',
    )
    .action(async (capture: string, flags: ExplainFlags) => {
      const wanted = parseStreamIndex(flags.stream);
      const transport = flags.udp === true ? 'udp' : 'tcp';
      const decryption = await decryptionContext(flags);
      if (transport === 'udp') decryption.explainConversation = wanted;
      else decryption.explainStream = wanted;
      let found: { session: TlsSession; report: Promise<SessionReport> } | undefined;
      const result = await analyze(capture, {
        finished(connection, session) {
          if (transport === 'tcp' && connection.index === wanted) found = { session, report: connectionReport(connection, session) };
        },
        finishedUdp(conversation, session) {
          if (transport === 'udp' && conversation.index === wanted) found = { session, report: conversationReport(conversation, session) };
        },
      }, { decryption });
      if (found === undefined) throw noSuchStream(transport, wanted, capture, transport === 'udp' ? result.udpConversations : result.connections);
      const report = await found.report;
      if (report.tls === null) throw new UsageError(`${transport} stream ${wanted} does not carry ${SESSION_PROTOCOL[transport]}`);
      for (const line of explainStory(found.session, report, decryption.trace)) writeLine(line);
    });
}
