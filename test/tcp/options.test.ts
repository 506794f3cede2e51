import test from 'ava';
import { readCapture } from '../../dissect/capture/reader.js';
import { PacketDecoder } from '../../dissect/packet.js';
import { decodeTcpOptions, TCP_FLAGS, type TcpOptions } from '../../dissect/tcp/header.js';
import { fixturePath } from '../helpers/fixtures.js';
import { maximumSegmentSize, sackBlocks, sackPermitted, tcpOptions, timestamps, windowScale } from '../../dissect/capture/write/tcp-options.js';

test('SYN options of a generated capture decode: MSS, window scale, SACK permitted', async (t) => {
  const decoder = new PacketDecoder();
  const syns: TcpOptions[] = [];
  const later: TcpOptions[] = [];
  await readCapture(fixturePath('demo.pcapng'), {
    onFrame(frame) {
      const p = decoder.decode(frame);
      if (p.ip === undefined || p.tcp === undefined) return;
      const options = decodeTcpOptions(p.ip.data, p.tcp);
      if ((p.tcp.flags & TCP_FLAGS.SYN) !== 0) syns.push(options);
      else later.push(options);
    },
  });
  t.is(syns.length, 2);
  for (const syn of syns) {
    t.is(syn.mss, 1460);
    t.true(typeof syn.windowScale === 'number');
    t.true(syn.sackPermitted);
  }
  t.true(later.every((o) => o.mss === undefined && o.sackPermitted === undefined));
});

test('TCP checksums of generated frames verify when checking is asked for', async (t) => {
  const decoder = new PacketDecoder({ checkTcpChecksums: true });
  let frames = 0;
  let bad = 0;
  await readCapture(fixturePath('ipv6.pcapng'), {
    onFrame(frame) {
      frames++;
      bad += decoder.decode(frame).diagnostics.filter((d) => d.code === 'tcp.bad-checksum').length;
    },
  });
  t.true(frames > 0);
  t.is(bad, 0);
});

test('every option kind the wire writer makes decodes back, after NOPs and with padding', (t) => {
  const options = tcpOptions([
    maximumSegmentSize(1380),
    Uint8Array.of(1),
    windowScale(7),
    sackPermitted(),
    timestamps(0xdeadbeef, 12345),
    Uint8Array.of(1, 1),
    sackBlocks([[1000, 2000], [0xfffffff0, 16]]),
  ]);
  const bytes = new Uint8Array(20 + options.length);
  bytes[12] = (5 + options.length / 4) << 4;
  bytes.set(options, 20);
  const header = { sourcePort: 1, destinationPort: 2, seq: 0, ack: 0, flags: 0, window: 0, checksum: 0, urgentPointer: 0, headerStart: 0, optionsEnd: bytes.length, payloadStart: bytes.length, payloadEnd: bytes.length };
  t.deepEqual(decodeTcpOptions(bytes, header), {
    mss: 1380,
    windowScale: 7,
    sackPermitted: true,
    timestamp: { value: 0xdeadbeef, echo: 12345 },
    sack: [{ left: 1000, right: 2000 }, { left: 0xfffffff0, right: 16 }],
  });
});

test('an option whose length runs past the header ends the list without a throw', (t) => {
  const bytes = new Uint8Array(24);
  bytes.set([2, 40, 5, 180], 20);
  const header = { sourcePort: 1, destinationPort: 2, seq: 0, ack: 0, flags: 0, window: 0, checksum: 0, urgentPointer: 0, headerStart: 0, optionsEnd: 24, payloadStart: 24, payloadEnd: 24 };
  t.deepEqual(decodeTcpOptions(bytes, header), {});
});
