/**
 * Capture file -> frames -> packets -> TCP connections and UDP conversations, in one streaming
 * pass. Consumers hook in at the layer they need (every packet, connection open/close,
 * reassembled bytes through a connection handler, datagrams through a conversation handler) and
 * keep only what they want, so memory follows live state, not file size.
 */
import type { Diagnostic } from './diagnostics.js';
import { readCapture, type ReadOptions } from './capture/reader.js';
import type { CaptureSummary, DecryptionSecrets, Frame } from './capture/types.js';
import { PacketDecoder, type Packet, type PacketDecoderOptions } from './packet.js';
import { FlowTable, ownsStream, type FlowTableListener, type FlowTableOptions } from './tcp/flow-table.js';
import type { TcpConnection } from './tcp/connection.js';
import type { Direction } from './tcp/half-stream.js';
import type { UdpConversation } from './udp/conversation.js';
import { UdpConversationTable, type UdpTableOptions } from './udp/conversation-table.js';

export interface PipelineListener extends FlowTableListener {
  /** Every decoded frame, TCP or not, before reassembly sees it. */
  frame?(packet: Packet): void;
  /** Key log text embedded in the capture (pcapng DSB), in file order. */
  secrets?(secrets: DecryptionSecrets): void;
  /** Diagnostics that belong to the file or to frames outside any TCP connection or UDP conversation. */
  diagnostic?(d: Diagnostic): void;
  /** A new UDP conversation: the place to attach a datagram handler. */
  udpOpened?(conversation: UdpConversation): void;
  /** Every UDP packet, after its conversation has seen it. */
  udpPacket?(packet: Packet, conversation: UdpConversation, direction: Direction): void;
  /** A UDP conversation ended (end of capture, or the table's bound); its summary stays valid. */
  udpClosed?(conversation: UdpConversation): void;
}

export interface PipelineOptions extends FlowTableOptions, PacketDecoderOptions {
  readonly onProgress?: ReadOptions['onProgress'];
  readonly backpressure?: ReadOptions['backpressure'];
  readonly signal?: ReadOptions['signal'];
  readonly udp?: UdpTableOptions;
}

export interface PipelineResult {
  readonly capture: CaptureSummary;
  /** TCP connections (tcp.stream count). */
  readonly connections: number;
  /** UDP conversations (udp.stream count). */
  readonly udpConversations: number;
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
  const conversations = new UdpConversationTable(
    {
      opened(c) {
        if (ownsStream(options.shard, c.index)) listener.udpOpened?.(c);
      },
      datagram(p, c, d) {
        if (ownsStream(options.shard, c.index)) listener.udpPacket?.(p, c, d);
      },
      closed(c) {
        if (ownsStream(options.shard, c.index)) listener.udpClosed?.(c);
      },
    },
    options.udp,
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
        if (packet.tcp !== undefined) flows.process(packet);
        else if (packet.udp !== undefined) conversations.process(packet);
        else for (const d of packet.diagnostics) report(d);
      },
      onSecrets: (s) => listener.secrets?.(s),
      onDiagnostic: report,
    },
    {
      ...(options.onProgress === undefined ? {} : { onProgress: options.onProgress }),
      ...(options.backpressure === undefined ? {} : { backpressure: options.backpressure }),
      ...(options.signal === undefined ? {} : { signal: options.signal }),
    },
  );
  decoder.finish(report);
  flows.finish(lastFrame);
  conversations.finish();
  return { capture, connections: flows.connectionCount, udpConversations: conversations.conversationCount };
}
