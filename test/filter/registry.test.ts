/**
 * The field registry against tshark 4.0's own (`tshark -G fields`): every field keyhole offers
 * under a Wireshark name exists there with a matching type. keyhole's own fields and the one
 * taken from a later Wireshark are listed here so that a new name is never invented by accident.
 */
import test from 'ava';
import { execFileSync } from 'node:child_process';
import { FIELDS, type FieldType } from '../../dissect/filter/index.js';

/** Names tshark 4.0 does not have: keyhole's own, and JA4 as Wireshark 4.2 names it. */
const NOT_IN_TSHARK_4_0 = new Set(['keyhole.decrypted', 'keyhole.verdict', 'tls.handshake.ja4']);

const WIRESHARK_TYPES: Readonly<Record<string, FieldType>> = {
  FT_PROTOCOL: 'protocol',
  FT_NONE: 'protocol',
  FT_BOOLEAN: 'bool',
  FT_UINT8: 'uint',
  FT_UINT16: 'uint',
  FT_UINT24: 'uint',
  FT_UINT32: 'uint',
  FT_UINT64: 'uint',
  FT_FRAMENUM: 'uint',
  FT_RELATIVE_TIME: 'float',
  FT_IPv4: 'ipv4',
  FT_IPv6: 'ipv6',
  FT_ETHER: 'ether',
  FT_STRING: 'string',
  FT_BYTES: 'bytes',
};

function tsharkFields(): Map<string, string> | undefined {
  try {
    const out = execFileSync('tshark', ['-G', 'fields'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 256 * 1024 * 1024 });
    const fields = new Map<string, string>();
    for (const line of out.split('\n')) {
      const [kind, , name, type] = line.split('\t');
      if (name !== undefined && (kind === 'P' || kind === 'F')) fields.set(name, kind === 'P' ? 'FT_PROTOCOL' : type ?? '');
    }
    return fields;
  } catch {
    return undefined;
  }
}

test('every Wireshark-named field exists in tshark 4.0 with the same type', (t) => {
  const wireshark = tsharkFields();
  if (wireshark === undefined) {
    t.log('skipped: tshark is not installed');
    t.pass();
    return;
  }
  const wrong: string[] = [];
  for (const field of FIELDS.values()) {
    if (NOT_IN_TSHARK_4_0.has(field.name)) {
      if (wireshark.has(field.name)) wrong.push(`${field.name} is in tshark after all`);
      continue;
    }
    const type = wireshark.get(field.name);
    if (type === undefined) wrong.push(`${field.name} is not a tshark 4.0 field`);
    else if (WIRESHARK_TYPES[type] !== field.type) wrong.push(`${field.name} is ${field.type} here and ${type} in tshark`);
  }
  t.deepEqual(wrong, []);
});

test('the registry has the fields the commands are expected to filter on', (t) => {
  for (const name of ['frame.number', 'ip.addr', 'ipv6.addr', 'eth.addr', 'tcp.stream', 'tls.handshake.extensions_server_name', 'tls.handshake.ja3', 'http.host', 'http2.header.name', 'keyhole.verdict']) {
    t.true(FIELDS.has(name), name);
  }
});
