/**
 * `keyhole export CAPTURE --out DIR`: one pass writes, for every stream with decrypted
 * application data, DIR/stream-N-client.bin and DIR/stream-N-server.bin (in order; TLS 1.3 early
 * data included, handshake bytes excluded) and DIR/index.json describing every TLS stream.
 * Plaintext goes to disk as it is decrypted, so memory does not grow with the amount exported.
 */
import type { Command } from 'commander';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { analyze } from '../../../dissect/analyze.js';
import { connectionReport, type ConnectionReport } from '../../../dissect/report.js';
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

export function streamFileName(stream: number, direction: 0 | 1): string {
  return `stream-${stream}-${SIDES[direction]}.bin`;
}

export function registerExport(program: Command): void {
  addSecretOptions(
    program
      .command('export')
      .description('write every decrypted stream to files in one pass, with an index.json')
      .argument('<capture>', 'pcap or pcapng file')
      .requiredOption('-o, --out <dir>', 'folder for stream-N-client.bin, stream-N-server.bin and index.json')
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
      const pending: Array<Promise<ConnectionReport>> = [];
      const written = new Map<number, [number, number]>();
      await analyze(
        capture,
        {
          applicationData(session, direction, plaintext) {
            const stream = session.connection.index;
            files.append(streamFileName(stream, direction), plaintext);
            const counts = written.get(stream) ?? [0, 0];
            counts[direction] += plaintext.length;
            written.set(stream, counts);
          },
          finished(connection, session) {
            files.close(streamFileName(connection.index, 0));
            files.close(streamFileName(connection.index, 1));
            pending.push(connectionReport(connection, session));
          },
        },
        { decryption },
      );
      files.closeAll();
      decryption.finish();
      const reports = (await Promise.all(pending)).filter((r) => r.tls !== null).sort((a, b) => a.stream - b.stream);
      const index = {
        capture: path.resolve(capture),
        streams: reports.map((r) => {
          const counts = written.get(r.stream) ?? [0, 0];
          return {
            stream: r.stream,
            client: r.client,
            server: r.server,
            sni: r.tls?.sni ?? null,
            alpn: r.tls?.alpn ?? null,
            version: r.tls?.version ?? null,
            cipherSuite: r.tls?.cipherSuite ?? null,
            decryption: r.tls?.decryption ?? null,
            files: {
              client: counts[0] > 0 ? streamFileName(r.stream, 0) : null,
              server: counts[1] > 0 ? streamFileName(r.stream, 1) : null,
            },
            bytes: { client: counts[0], server: counts[1] },
          };
        }),
      };
      writeFileSync(path.join(flags.out, 'index.json'), `${JSON.stringify(index, null, 2)}\n`);
      if (flags.quiet !== true) {
        const withData = index.streams.filter((s) => s.bytes.client + s.bytes.server > 0);
        const total = withData.reduce((n, s) => n + s.bytes.client + s.bytes.server, 0);
        writeLine(`${withData.length} of ${index.streams.length} TLS streams exported (${formatBytes(total)}) to ${flags.out}`);
      }
    });
}
