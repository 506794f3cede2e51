/**
 * `keyhole export CAPTURE --out DIR`: one pass writes, for every stream with decrypted
 * application data, DIR/stream-N-client.bin and DIR/stream-N-server.bin (in order; TLS 1.3 early
 * data included, handshake bytes excluded; DTLS over UDP in DIR/udp-stream-N-client.bin and
 * -server.bin) and DIR/index.json describing every TLS and DTLS stream ("transport": "tcp" or
 * "udp"). Plaintext goes to disk as it is decrypted, so memory does not grow with the amount
 * exported. `--decrypted-pcap FILE` also writes a capture in which every connection with readable
 * bytes carries them as plain TCP (dissect/rewrite says what goes in and what is left out).
 */
import type { Command } from 'commander';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { analyze } from '../../../dissect/analyze.js';
import { exportHttpObjects } from '../../../dissect/http/export-objects.js';
import { mergeListeners } from '../../../dissect/listeners.js';
import { filterRecorder, withFilter } from '../filter-option.js';
import type { FilterRecorder } from '../../../dissect/filter/index.js';
import { progress } from '../progress.js';
import type { SessionReport } from '../../../dissect/report.js';
import { DecryptedCaptureWriter, type RewriteTotals } from '../../../dissect/rewrite/decrypted-capture.js';
import { createCaptureFile, type CaptureFile } from '../../../dissect/rewrite/output-file.js';
import { UsageError } from '../errors.js';
import { writeLine } from '../output.js';
import { addSecretOptions, decryptionContext, type SecretFlags } from '../secret-options.js';
import { exportInShards, shardCount } from '../export-shards.js';
import { StreamFiles, streamFileName, writtenKey, type StreamFilesResult } from '../stream-files.js';
import { formatBytes } from '../format/table.js';

interface ExportFlags extends SecretFlags {
  readonly out?: string;
  readonly http?: string;
  readonly decryptedPcap?: string;
  readonly filter?: string;
  readonly quiet?: boolean;
}

export { streamFileName } from '../stream-files.js';

export function registerExport(program: Command): void {
  addSecretOptions(
    program
      .command('export')
      .description('write every decrypted stream to files in one pass, with an index.json')
      .argument('<capture>', 'pcap or pcapng file')
      .option('-o, --out <dir>', 'folder for stream-N-client.bin, stream-N-server.bin (udp-stream-N-… for DTLS) and index.json')
      .option('--http <dir>', 'also write every HTTP response body as a file, named from its path (like Export Objects)')
      .option('--decrypted-pcap <file>', 'also write a capture in which each decrypted connection carries its plaintext as TCP payload (pcapng if the name ends in .pcapng)')
      .option('-Y, --filter <expression>', 'Wireshark display filter: export only connections with a matching packet')
      .option('-q, --quiet', 'print nothing on success'),
  )
    .addHelpText('after', '\nExamples:\n  keyhole export capture.pcap --key server.key --out decrypted/\n  keyhole export capture.pcapng --keylog keys.log -o out && jq . out/index.json\n  keyhole export capture.pcapng --keylog keys.log --decrypted-pcap plain.pcap && tshark -r plain.pcap -Y http\n  keyhole export capture.pcapng --keylog keys.log --http objects/ -Y \'tls.handshake.extensions_server_name == "example.com"\'\n')
    .action(async (capture: string, flags: ExportFlags) => {
      if (flags.out === undefined && flags.http === undefined && flags.decryptedPcap === undefined) {
        throw new UsageError('export needs --out DIR (decrypted streams), --http DIR (HTTP objects) or --decrypted-pcap FILE, or several');
      }
      const out = flags.out ?? path.join(os.tmpdir(), `keyhole-export-${process.pid}`);
      for (const dir of [out, flags.http]) {
        if (dir === undefined) continue;
        try {
          mkdirSync(dir, { recursive: true });
        } catch (error) {
          throw new UsageError(`cannot create the output folder ${dir}: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
      const decryption = await decryptionContext(flags);
      const recorder = await filterRecorder(flags.filter);
      const pcap = flags.decryptedPcap === undefined ? undefined : openDecryptedPcap(flags.decryptedPcap);
      // With -Y a connection is known to match only after the pass: the capture is then rewritten in a second pass.
      const rewriter = pcap !== undefined && recorder === undefined ? new DecryptedCaptureWriter(pcap) : undefined;
      const objects = flags.http === undefined ? undefined : exportHttpObjects(flags.http);
      const bar = progress(capture, flags.quiet);
      // Nothing else needs the whole capture in one place: split the connections over the cores.
      const shards = objects === undefined && pcap === undefined && recorder === undefined && flags.keylogOut === undefined && flags.out !== undefined ? await shardCount(capture) : 1;
      let result: StreamFilesResult;
      if (shards > 1) {
        const secrets = { key: flags.key ?? [], keylog: flags.keylog ?? [], psk: flags.psk ?? [], ...(flags.keyPassword === undefined ? {} : { keyPassword: flags.keyPassword }) };
        result = await exportInShards({ capture, out, secrets }, shards, bar.update);
      } else {
        const streams = new StreamFiles(flags.out === undefined ? undefined : out);
        const consumers = [streams, ...(objects === undefined ? [] : [objects]), ...(rewriter === undefined ? [] : [rewriter])];
        // Every consumer here takes decrypted bytes, none keeps a record's ciphertext: reuse its buffers.
        await analyze(capture, withFilter(mergeListeners(...consumers), recorder), { decryption, reuseRecordBuffers: true, onProgress: bar.update, backpressure: () => streams.backpressure() });
        result = await streams.close();
      }
      bar.done();
      recorder?.end();
      decryption.finish();
      const { reports: all, written } = result;
      // A connection matches a filter only once all its frames are read: drop the others' files now.
      const selected = (r: SessionReport): boolean => recorder === undefined || recorder.flowMatches(r);
      for (const r of all.filter((x) => !selected(x))) {
        for (const direction of [0, 1] as const) rmSync(path.join(out, streamFileName(r.stream, direction, r.transport)), { force: true });
      }
      const objectSelected = (o: { readonly stream: number }): boolean => recorder === undefined || recorder.connectionMatches(o.stream);
      const objectsKept = (objects?.written ?? []).filter(objectSelected);
      for (const o of objects?.written ?? []) if (!objectSelected(o) && flags.http !== undefined) rmSync(path.join(flags.http, o.file), { force: true });
      const reports = all.filter((r) => r.tls !== null && selected(r)).sort((a, b) => a.transport.localeCompare(b.transport) || a.stream - b.stream);
      const index = {
        capture: path.resolve(capture),
        streams: reports.map((r) => {
          const counts = written.get(writtenKey(r.transport, r.stream)) ?? [0, 0];
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
      const rewritten = pcap === undefined ? undefined : (rewriter?.totals ?? (await rewriteSelected(capture, pcap, flags, recorder)));
      pcap?.close();
      if (flags.out !== undefined) writeFileSync(path.join(out, 'index.json'), `${JSON.stringify(index, null, 2)}\n`);
      else rmSync(out, { recursive: true, force: true });
      if (flags.quiet !== true) {
        const withData = index.streams.filter((s) => s.bytes.client + s.bytes.server > 0);
        const total = withData.reduce((n, s) => n + s.bytes.client + s.bytes.server, 0);
        if (flags.out !== undefined) writeLine(`${withData.length} of ${index.streams.length} TLS and DTLS streams exported (${formatBytes(total)}) to ${flags.out}`);
        if (flags.http !== undefined) writeLine(`${objectsKept.length} HTTP objects written to ${flags.http}`);
        if (rewritten !== undefined && flags.decryptedPcap !== undefined) {
          writeLine(`${rewritten.connections} ${rewritten.connections === 1 ? "connection" : "connections"} (${rewritten.packets} packets, ${formatBytes(rewritten.bytes[0] + rewritten.bytes[1])}) written as plaintext to ${flags.decryptedPcap}`);
        }
      }
    });
}

function openDecryptedPcap(file: string): CaptureFile {
  try {
    return createCaptureFile(file);
  } catch (error) {
    throw new UsageError(`cannot write the decrypted capture ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** The second pass -Y needs: only the connections the filter selected, with fresh secrets (the key log is already written). */
async function rewriteSelected(capture: string, pcap: CaptureFile, flags: ExportFlags, recorder: FilterRecorder | undefined): Promise<RewriteTotals> {
  const { keylogOut: _alreadyWritten, ...secrets } = flags;
  const writer = new DecryptedCaptureWriter(pcap, (stream) => recorder?.connectionMatches(stream) ?? true);
  const decryption = await decryptionContext(secrets);
  await analyze(capture, writer, { decryption });
  decryption.finish();
  return writer.totals;
}
