import test from 'ava';
import path from 'node:path';
import { analyze } from '../../dissect/analyze.js';
import { hex } from '../../dissect/bytes.js';
import { sharedDirOrSkip } from '../helpers/shared.js';

const EXTENSION = 0xaaaa;

test('tls-fragmented-handshakes: all 100 streams decode and all 1000 extension values 0001..03e8 come back', async (t) => {
  const shared = sharedDirOrSkip(t);
  if (shared === undefined) return;
  const file = path.join(shared, 'tls-fragmented-handshakes.pcap.gz');
  const values: string[] = [];
  const streams = new Set<number>();
  let diagnostics = 0;
  await analyze(file, {
    message(session, _message, decoded) {
      if (decoded.kind !== 'client_hello') return;
      streams.add(session.connection.index);
      for (const extension of decoded.extensions?.items ?? []) {
        if (extension.type.value === EXTENSION) values.push(hex(extension.data.value));
      }
    },
    finished(_connection, session) {
      diagnostics += session.diagnostics.filter((d) => d.severity === 'warning' || d.severity === 'error').length;
    },
  });
  t.is(streams.size, 100);
  const expected = Array.from({ length: 1000 }, (_, i) => (i + 1).toString(16).padStart(4, '0'));
  t.deepEqual(values.sort(), expected);
  t.is(diagnostics, 0);
});

test('STARTTLS captures switch to TLS at the frame tshark does, and name the protocol', async (t) => {
  const cases: Array<[string, string, number]> = [
    ['smtp', 'SMTP', 12],
    ['imap', 'IMAP', 12],
    ['pop', 'POP3', 9],
    ['ldap', 'LDAP', 8],
    ['xmpp', 'XMPP', 10],
    ['mysql', 'MySQL', 8],
    ['pgsql', 'PostgreSQL', 8],
  ];
  for (const [name, protocol, frame] of cases) {
    const shared = sharedDirOrSkip(t);
    if (shared === undefined) return;
    const file = path.join(shared, `extra/starttls-${name}.pcapng`);
    let found: { protocol: string | undefined; frame: number } | undefined;
    await analyze(file, {
      finished(_connection, session) {
        found ??= session.startTls;
      },
    });
    t.deepEqual(found, { protocol, frame }, name);
  }
});
