/**
 * `keyhole follow CAPTURE --stream N`: the decrypted application data of one connection in the
 * order it crossed the wire, client and server told apart, in the layout of tshark's
 * `-z follow,tls,ascii|hex|raw` (server parts indented by a tab) with colour on a terminal.
 * `--udp` follows the DTLS session of udp.stream N instead of the TLS of tcp.stream N.
 */
import type { Command } from 'commander';
import { Option } from 'commander';
import { analyze } from '../../../dissect/analyze.js';
import { printable } from '../../../dissect/bytes.js';
import { decryptionOf } from '../../../dissect/report.js';
import type { TlsSession } from '../../../dissect/tls/session.js';
import { SESSION_PROTOCOL } from '../../../dissect/transport.js';
import { noSuchStream, parseStreamIndex } from '../stream-option.js';
import { color } from '../format/color.js';
import { writeLine } from '../output.js';
import { addSecretOptions, decryptionContext, type SecretFlags } from '../secret-options.js';

type Format = 'ascii' | 'hex' | 'raw';

interface FollowFlags extends SecretFlags {
  readonly stream: string;
  readonly format: Format;
  readonly udp?: boolean;
}

const RULE = '===================================================================';

export function registerFollow(program: Command): void {
  addSecretOptions(
    program
      .command('follow')
      .description('print the decrypted application data of one connection (like tshark -z follow,tls)')
      .argument('<capture>', 'pcap or pcapng file')
      .requiredOption('-s, --stream <n>', 'stream index (as in `keyhole dissect`: Wireshark tcp.stream, or udp.stream with --udp)')
      .option('--udp', 'follow the DTLS session of a UDP conversation (udp.stream N) instead of a TCP connection')
      .addOption(new Option('-f, --format <format>', 'ascii, hex or raw').choices(['ascii', 'hex', 'raw']).default('ascii')),
  )
    .addHelpText(
      'after',
      '\nExamples:\n  keyhole follow capture.pcap --stream 0 --key server.key\n  keyhole follow capture.pcapng -s 3 --keylog keys.log --format hex\n  keyhole follow dtls.pcap --udp -s 0 --psk 0123456789abcdef\n',
    )
    .action(async (capture: string, flags: FollowFlags) => {
      const wanted = parseStreamIndex(flags.stream);
      const transport = flags.udp === true ? 'udp' : 'tcp';
      const protocol = SESSION_PROTOCOL[transport];
      const decryption = await decryptionContext(flags);
      let found: TlsSession | undefined;
      let headerDone = false;
      const offsets: [number, number] = [0, 0];
      const header = (session: TlsSession): void => {
        if (headerDone) return;
        headerDone = true;
        writeLine('');
        writeLine(RULE);
        writeLine(`Follow: ${protocol.toLowerCase()},${flags.format}`);
        writeLine(`Filter: ${transport}.stream eq ${wanted}`);
        writeLine(`Node 0: ${session.connection.client.text}`);
        writeLine(`Node 1: ${session.connection.server.text}`);
      };
      const result = await analyze(
        capture,
        {
          applicationData(session, direction, plaintext) {
            if (session.transport !== transport || session.connection.index !== wanted) return;
            header(session);
            for (const line of followLines(flags.format, plaintext, offsets[direction])) writeLine(direction === 1 ? color.blue(`\t${line}`) : color.red(line));
            offsets[direction] += plaintext.length;
          },
          finished(connection, session) {
            if (transport === 'tcp' && connection.index === wanted) found = session;
          },
          finishedUdp(conversation, session) {
            if (transport === 'udp' && conversation.index === wanted) found = session;
          },
        },
        { decryption },
      );
      if (found === undefined) throw noSuchStream(transport, wanted, capture, transport === 'udp' ? result.udpConversations : result.connections);
      header(found);
      writeLine(RULE);
      const label = transport === 'udp' ? `udp stream ${wanted}` : `stream ${wanted}`;
      const verdict = decryptionOf(found);
      if (!found.isTls) {
        process.stderr.write(`keyhole: ${label} does not carry ${protocol}\n`);
        process.exitCode = 1;
      } else if (verdict !== undefined && verdict.status !== 'decrypted') {
        process.stderr.write(`keyhole: ${label} ${verdict.status === 'partial' ? 'was only partly decrypted' : 'was not decrypted'}: ${verdict.reason ?? 'unknown reason'}\n`);
        if (verdict.status === 'not-decrypted') process.exitCode = 1;
      }
    });
}

/** One chunk in tshark's follow layouts. */
export function followLines(format: Format, bytes: Uint8Array, offset: number): string[] {
  if (format === 'raw') return [Buffer.from(bytes).toString('hex')];
  if (format === 'ascii') return [String(bytes.length), printableText(bytes)];
  const lines: string[] = [];
  // tshark's layout: two groups of eight bytes, in hex and in text.
  const hexOf = (row: Uint8Array): string => Array.from(row, (b) => b.toString(16).padStart(2, '0')).join(' ');
  for (let at = 0; at < bytes.length; at += 16) {
    const row = bytes.subarray(at, at + 16);
    const [left, right] = [row.subarray(0, 8), row.subarray(8)];
    const hexPart = right.length > 0 ? `${hexOf(left)}  ${hexOf(right)}` : hexOf(left);
    const text = right.length > 0 ? `${printable(left)} ${printable(right)}` : printable(left);
    lines.push(`${(offset + at).toString(16).padStart(8, '0')}  ${hexPart.padEnd(48)}  ${text}`);
  }
  return lines;
}

/** Text as tshark's ascii follow shows it: line breaks kept, other non-printables as dots. */
function printableText(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += b === 0x0a || (b >= 0x20 && b < 0x7f) ? String.fromCharCode(b) : b === 0x0d ? '' : '.';
  return out.endsWith('\n') ? out.slice(0, -1) : out;
}
