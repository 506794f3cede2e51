/**
 * `keyhole export CAPTURE --out DIR`: one pass writes, for every stream with decrypted
 * application data, DIR/stream-N-client.bin and DIR/stream-N-server.bin (in order; TLS 1.3 early
 * data included, handshake bytes excluded; DTLS over UDP in DIR/udp-stream-N-client.bin and
 * -server.bin) and DIR/index.json describing every TLS and DTLS stream ("transport": "tcp" or
 * "udp"). Plaintext goes to disk as it is decrypted, so memory does not grow with the amount
 * exported.
 */
import type { Command } from 'commander';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { analyze } from '../../../dissect/analyze.js';
import { connectionReport, conversationReport, type SessionReport } from '../../../dissect/report.js';
import { UsageError } from '../errors.js';
import { writeLine } from '../output.js';
import { addSecretOptions, decryptionContext, type SecretFlags } from '../secret-options.js';
import { FileCache } from '../file-cache.js';
import { formatBytes } from '../format/table.js';

interface ExportFlags extends SecretFlags {
  readonly out: string;
  readonly quiet?: boolean;
}

const SIDES = ['client', 'server'] as const;
/** File name prefixes by transport: TCP streams keep the plain name, UDP ones say so. */
const PREFIXES = { tcp: 'stream', udp: 'udp-stream' } as const;

type Transport = keyof typeof PREFIXES;

export function streamFileName(stream: number, direction: 0 | 1, transport: Transport = 'tcp'): string {
  return `${PREFIXES[transport]}-${stream}-${SIDES[direction]}.bin`;
}

export function registerExport(program: Command): void {
  addSecretOptions(
    program
      .command('export')
      .description('write every decrypted stream to files in one pass, with an index.json')
      .argument('<capture>', 'pcap or pcapng file')
      .requiredOption('-o, --out <dir>', 'folder for stream-N-client.bin, stream-N-server.bin (udp-stream-N-… for DTLS) and index.json')
      .option('-q, --quiet', 'print nothing on success'),
  )
    .addHelpText('after', '\nExamples:\n  keyhole export capture.pcap --key server.key --out decrypted/\n  keyhole export capture.pcapng --keylog keys.log -o out && jq . out/index.json\n')
    .action(async (capture: string, flags: ExportFlags) => {
      try {
        mkdirSync(flags.out, { recursive: true });
      } catch (error) {
        throw new UsageError(`cannot create the output folder ${flags.out}: ${error instanceof Error ? error.message : String(error)}`);
      }
      const decryption = await decryptionContext(flags);
      const files = new FileCache(flags.out);
      const pending: Array<Promise<SessionReport>> = [];
      /** Bytes written per "transport stream" key, client then server. */
      const written = new Map<string, [number, number]>();
      const done = (transport: Transport, stream: number): void => {
        files.close(streamFileName(stream, 0, transport));
        files.close(streamFileName(stream, 1, transport));
      };
      await analyze(
        capture,
        {
          applicationData(session, direction, plaintext) {
            const stream = session.connection.index;
            files.append(streamFileName(stream, direction, session.transport), plaintext);
            const key = `${session.transport} ${stream}`;
            const counts = written.get(key) ?? [0, 0];
            counts[direction] += plaintext.length;
            written.set(key, counts);
          },
          finished(connection, session) {
            done('tcp', connection.index);
            pending.push(connectionReport(connection, session));
          },
          finishedUdp(conversation, session) {
            done('udp', conversation.index);
            pending.push(conversationReport(conversation, session));
          },
        },
        { decryption },
      );
      files.closeAll();
      decryption.finish();
      const reports = (await Promise.all(pending)).filter((r) => r.tls !== null).sort((a, b) => a.transport.localeCompare(b.transport) || a.stream - b.stream);
      const index = {
        capture: path.resolve(capture),
        streams: reports.map((r) => {
          const counts = written.get(`${r.transport} ${r.stream}`) ?? [0, 0];
          return {
            stream: r.stream,
            transport: r.transport,
            client: r.client,
            server: r.server,
            sni: r.tls?.sni ?? null,
            alpn: r.tls?.alpn ?? null,
            version: r.tls?.version ?? null,
            cipherSuite: r.tls?.cipherSuite ?? null,
            decryption: r.tls?.decryption ?? null,
            files: {
              client: counts[0] > 0 ? streamFileName(r.stream, 0, r.transport) : null,
              server: counts[1] > 0 ? streamFileName(r.stream, 1, r.transport) : null,
            },
            bytes: { client: counts[0], server: counts[1] },
          };
        }),
      };
      writeFileSync(path.join(flags.out, 'index.json'), `${JSON.stringify(index, null, 2)}\n`);
      if (flags.quiet !== true) {
        const withData = index.streams.filter((s) => s.bytes.client + s.bytes.server > 0);
        const total = withData.reduce((n, s) => n + s.bytes.client + s.bytes.server, 0);
        writeLine(`${withData.length} of ${index.streams.length} TLS and DTLS streams exported (${formatBytes(total)}) to ${flags.out}`);
      }
    });
}
