import test from 'ava';
import { readCapture } from '../../dissect/capture/reader.js';
import { PacketDecoder } from '../../dissect/packet.js';
import { decodeTcpOptions, TCP_FLAGS, type TcpOptions } from '../../dissect/tcp/header.js';
import { fixturePath } from '../helpers/fixtures.js';

test('SYN options of a generated capture decode: MSS, window scale, SACK permitted, timestamps', async (t) => {
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
    t.true(typeof syn.timestamp?.value === 'number');
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
