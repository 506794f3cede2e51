/**
 * Capture file -> frames -> packets -> TCP connections, in one streaming pass. Consumers hook in
 * at the layer they need (every packet, connection open/close, reassembled bytes through a
 * connection handler) and keep only what they want, so memory follows live state, not file size.
 */
import type { Diagnostic } from './diagnostics.js';
import { readCapture } from './capture/reader.js';
import type { CaptureSummary, DecryptionSecrets, Frame } from './capture/types.js';
import { PacketDecoder, type Packet, type PacketDecoderOptions } from './packet.js';
import { FlowTable, type FlowTableListener, type FlowTableOptions } from './tcp/flow-table.js';
import type { TcpConnection } from './tcp/connection.js';
import type { Direction } from './tcp/half-stream.js';

export interface PipelineListener extends FlowTableListener {
  /** Every decoded frame, TCP or not, before reassembly sees it. */
  frame?(packet: Packet): void;
  /** Key log text embedded in the capture (pcapng DSB), in file order. */
  secrets?(secrets: DecryptionSecrets): void;
  /** Diagnostics that belong to the file or to frames outside any TCP connection. */
  diagnostic?(d: Diagnostic): void;
}

export interface PipelineOptions extends FlowTableOptions, PacketDecoderOptions {
  readonly onProgress?: (fileBytesRead: number, fileSize: number) => void;
}

export interface PipelineResult {
  readonly capture: CaptureSummary;
  readonly connections: number;
}

export async function runPipeline(path: string, listener: PipelineListener, options: PipelineOptions = {}): Promise<PipelineResult> {
  const decoder = new PacketDecoder(options);
  const flows = new FlowTable(
    {
      opened: (c: TcpConnection) => listener.opened?.(c),
      packet: (p: Packet, c: TcpConnection, d: Direction) => listener.packet?.(p, c, d),
      closed: (c: TcpConnection) => listener.closed?.(c),
    },
    options,
  );
  let lastFrame = 0;
  const report = (d: Diagnostic): void => listener.diagnostic?.(d);
  const capture = await readCapture(
    path,
    {
      onFrame(frame: Frame) {
        lastFrame = frame.number;
        const packet = decoder.decode(frame);
        listener.frame?.(packet);
        if (packet.tcp === undefined) {
          for (const d of packet.diagnostics) report(d);
          return;
        }
        flows.process(packet);
      },
      onSecrets: (s) => listener.secrets?.(s),
      onDiagnostic: report,
    },
    options.onProgress === undefined ? {} : { onProgress: options.onProgress },
  );
  decoder.finish(report);
  flows.finish(lastFrame);
  return { capture, connections: flows.connectionCount };
}
