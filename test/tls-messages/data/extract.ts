/**
 * Writes the handshake test vectors in this folder from the public captures, once, with tshark
 * 4.0 as the oracle: every handshake message body (decrypted where the capture's keys allow),
 * the context its shape depends on, and the fields tshark printed for it.
 * Run: npx tsx test/tls-messages/data/extract.ts   (needs /usr/bin/tshark and ../shared/captures)
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sharedCaptures } from '../../helpers/shared.js';

interface CaptureSource {
  readonly file: string;
  readonly options: readonly string[];
  /** Crafted captures repeat one hello many times; keep this many. */
  readonly hellos?: number;
}

const keylog = (file: string): string[] => ['-o', `tls.keylog_file:${file}`];
const rsaKey = (file: string): string[] => ['-o', `uat:rsa_keys:"${file}",""`];
const psk = ['-o', 'tls.psk:ca19e028a8a372ad2d325f950fcaceed', '-o', 'dtls.psk:ca19e028a8a372ad2d325f950fcaceed'];

/** Every capture with handshakes, with the options MANIFEST.md gives to decrypt it. */
const SOURCES: readonly CaptureSource[] = [
  { file: 'rsasnakeoil2.pcap', options: rsaKey('rsasnakeoil2.key') },
  { file: 'rsa-p-lt-q.pcap', options: rsaKey('rsa-p-lt-q.key') },
  { file: 'dmgr.pcapng', options: ['-o', 'tls.keys_list:127.0.0.1,9131,http,key.p12,WebAS'] },
  { file: 'dhe1.pcapng.gz', options: keylog('dhe1_keylog.dat') },
  { file: 'tls-renegotiation.pcap', options: [...rsaKey('rsasnakeoil2.key'), '-d', 'tcp.port==4433,tls'] },
  { file: 'tls12-aes128ccm.pcap', options: psk },
  { file: 'tls12-aes256gcm.pcap', options: psk },
  { file: 'tls12-chacha20poly1305.pcap', options: keylog('tls12-chacha20poly1305.keys') },
  { file: 'tls13-20-chacha20poly1305.pcap', options: keylog('tls13-20-chacha20poly1305.keys') },
  { file: 'tls13-rfc8446.pcap', options: keylog('tls13-rfc8446.keys') },
  { file: 'tls12-dsb.pcapng', options: [] },
  { file: 'tls-fragmented-handshakes.pcap.gz', options: [], hellos: 8 },
  { file: 'http2-data-reassembly.pcap', options: [...keylog('http2-data-reassembly.keys'), '-d', 'tcp.port==8443,tls'] },
  { file: 'http2-brotli.pcapng', options: [] },
  { file: 'snakeoil-dtls.pcap', options: rsaKey('snakeoil-rsa.key') },
  { file: 'dtls12-aes128ccm8.pcap', options: psk },
  { file: 'udt-dtls.pcapng.gz', options: ['-o', 'dtls.keys_list:0.0.0.0,0,data,udt-dtls.key'] },
  { file: 'extra/tls12-73-ciphers.pcapng', options: keylog('extra/tls12-73-ciphers.keys') },
  { file: 'extra/ssl3-39-ciphers.pcapng', options: keylog('extra/ssl3-39-ciphers.keys') },
  { file: 'extra/illustrated-tls13.pcap', options: keylog('extra/illustrated-tls13.keys') },
  { file: 'extra/illustrated-tls12.pcap', options: keylog('extra/illustrated-tls12.keys') },
  { file: 'extra/tls12-null-cipher.pcapng', options: [] },
  { file: 'extra/sslv2.pcapng', options: ['-d', 'tcp.port==4433,tls'] },
  { file: 'extra/starttls-smtp.pcapng', options: [] },
  { file: 'extra/starttls-imap.pcapng', options: [] },
  { file: 'extra/starttls-pop.pcapng', options: [] },
  { file: 'extra/starttls-ldap.pcapng', options: [] },
  { file: 'extra/starttls-xmpp.pcapng', options: [] },
  { file: 'extra/starttls-mysql.pcapng', options: [] },
  { file: 'extra/starttls-pgsql.pcapng', options: [] },
  { file: 'extra/tls-port2525-smtp.pcapng', options: [] },
  { file: 'extra/amqps.pcapng', options: [] },
];

/** ServerKeyExchange and ClientKeyExchange: their layout follows the key exchange of the suite. */
const SUITE_SHAPED = new Set([12, 16]);

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function isObject(value: Json | undefined): value is { [key: string]: Json } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** tshark's --no-duplicate-keys turns a repeated field into an array; make every field a list. */
function asList(value: Json | undefined): Json[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

/** A `_raw` value is [hex, offset, length, mask, type], or a list of those for repeated fields. */
function rawHexes(value: Json | undefined): string[] {
  if (!Array.isArray(value)) return [];
  if (typeof value[0] === 'string') return [value[0]];
  return value.flatMap((item) => (Array.isArray(item) && typeof item[0] === 'string' ? [item[0]] : []));
}

function text(value: Json | undefined): string | undefined {
  const first = asList(value)[0];
  return typeof first === 'string' ? first : undefined;
}

/** Fields compared whole; other long values are cut to keep the vectors small. */
const KEEP_WHOLE = /\.ja3s?_full$/;

/** Leaf fields of one handshake node, repeated values kept in order; certificate internals left out. */
function flatten(node: Json, into: Record<string, string[]>): void {
  if (!isObject(node)) return;
  for (const [key, value] of Object.entries(node)) {
    if (key.endsWith('_raw') || key.startsWith('x509') || key.startsWith('pkcs1') || key.startsWith('ocsp')) continue;
    for (const item of asList(value)) {
      if (typeof item === 'string') (into[key] ??= []).push(item.length > 256 && !KEEP_WHOLE.test(key) ? `${item.slice(0, 256)}...` : item);
      else flatten(item, into);
    }
  }
}

interface Vector {
  frame: number;
  stream: number;
  from: 'client' | 'server';
  dtls: boolean;
  type: number;
  version: number | null;
  suite: number | null;
  /** The 4-byte TLS or 12-byte DTLS handshake header as sent. */
  header: string;
  body: string;
  fields: Record<string, string[]>;
}

interface Sslv2Vector {
  frame: number;
  record: string;
  fields: Record<string, string[]>;
}

interface StreamState {
  client?: string;
  version?: number;
  suite?: number;
}

function selectedVersion(fields: Record<string, string[]>, prefix: string): number | undefined {
  const chosen = fields[`${prefix}.handshake.extensions.supported_version`]?.[0] ?? fields[`${prefix}.handshake.version`]?.[0];
  return chosen === undefined ? undefined : parseInt(chosen, 16);
}

function extract(source: CaptureSource, dir: string): { messages: Vector[]; sslv2: Sslv2Vector[] } {
  const args = ['-r', source.file, ...source.options, '-Y', 'tls.handshake or dtls.handshake or tls.record.version == 0x0002', '-T', 'json', '-x', '--no-duplicate-keys'];
  const out = execFileSync('tshark', args, { cwd: dir, maxBuffer: 1 << 28, stdio: ['ignore', 'pipe', 'ignore'] }).toString();
  const packets = asList(JSON.parse(out) as Json);
  const streams = new Map<string, StreamState>();
  const messages: Vector[] = [];
  const sslv2: Sslv2Vector[] = [];
  const seen = new Set<string>();
  const perType = new Map<number, number>();
  /**
   * Keeps every hello (JA3 is checked on each), the first message per cipher suite of the types
   * whose shape the suite decides, and a few of every other type, without repeating a body.
   */
  const keep = (type: number, body: string, suite: number | undefined): boolean => {
    const bodyKey = `${type}:${body}`;
    const shapeKey = `${type}:${SUITE_SHAPED.has(type) ? String(suite) : ''}`;
    if (seen.has(bodyKey)) return false;
    const count = perType.get(type) ?? 0;
    const isHello = type === 1 || type === 2;
    const wanted = isHello ? count < (source.hellos ?? Infinity) : (SUITE_SHAPED.has(type) ? !seen.has(shapeKey) : count < 4);
    if (!wanted) return false;
    seen.add(bodyKey);
    seen.add(shapeKey);
    perType.set(type, count + 1);
    return true;
  };
  for (const packet of packets) {
    if (!isObject(packet) || !isObject(packet['_source']) || !isObject(packet['_source']['layers'])) continue;
    const layers = packet['_source']['layers'];
    const frameLayer = layers['frame'];
    const frame = Number(isObject(frameLayer) ? text(frameLayer['frame.number']) : 0);
    const transport = isObject(layers['tcp']) ? layers['tcp'] : isObject(layers['udp']) ? layers['udp'] : undefined;
    if (transport === undefined) continue;
    const proto = isObject(layers['tcp']) ? 'tcp' : 'udp';
    const streamId = Number(text(transport[`${proto}.stream`]));
    const ipLayer = isObject(layers['ip']) ? layers['ip'] : isObject(layers['ipv6']) ? layers['ipv6'] : undefined;
    const src = `${ipLayer === undefined ? '' : text(ipLayer['ip.src']) ?? text(ipLayer['ipv6.src']) ?? ''}:${text(transport[`${proto}.srcport`]) ?? ''}`;
    const state = streams.get(`${proto}${streamId}`) ?? {};
    streams.set(`${proto}${streamId}`, state);
    for (const prefix of ['tls', 'dtls'] as const) {
      for (const layer of asList(layers[prefix])) {
        if (!isObject(layer)) continue;
        for (const record of asList(layer[`${prefix}.record`])) {
          if (!isObject(record)) continue;
          if (text(record['tls.record.version']) === '0x0002') {
            const recordHex = rawHexes(layer[`${prefix}.record_raw`])[0];
            const fields: Record<string, string[]> = {};
            flatten(record, fields);
            if (recordHex !== undefined) sslv2.push({ frame, record: recordHex, fields });
            state.client ??= src;
            continue;
          }
          const handshakes = asList(record[`${prefix}.handshake`]);
          const raws = rawHexes(record[`${prefix}.handshake_raw`]);
          handshakes.forEach((handshake, index) => {
            const raw = raws[index];
            if (!isObject(handshake) || raw === undefined) return;
            const typeText = text(handshake[`${prefix}.handshake.type`]);
            if (typeText === undefined) return;
            const type = Number(typeText);
            const headerBytes = prefix === 'dtls' ? 12 : 4;
            const header = raw.slice(0, headerBytes * 2);
            const body = raw.slice(headerBytes * 2);
            const fields: Record<string, string[]> = {};
            flatten(handshake, fields);
            if (type === 1 && state.client === undefined) state.client = src;
            const from = src === state.client ? 'client' : 'server';
            if (keep(type, body, state.suite)) {
              messages.push({ frame, stream: streamId, from, dtls: prefix === 'dtls', type, version: state.version ?? null, suite: state.suite ?? null, header, body, fields });
            }
            if (type === 2) {
              const version = selectedVersion(fields, prefix);
              const suite = fields[`${prefix}.handshake.ciphersuite`]?.[0];
              if (version !== undefined) state.version = version;
              if (suite !== undefined) state.suite = parseInt(suite, 16);
            }
          });
        }
      }
    }
  }
  return { messages, sslv2 };
}

const here = path.dirname(fileURLToPath(import.meta.url));
const captures = sharedCaptures;
if (captures === undefined) throw new Error('../shared/captures is missing');
const version = execFileSync('tshark', ['-v']).toString().split('\n')[0] ?? '';
for (const source of SOURCES) {
  const { messages, sslv2 } = extract(source, captures);
  const name = source.file.replace(/^extra\//, '').replace(/\.(pcapng|pcap)(\.gz)?$/, '');
  const command = ['tshark', '-r', source.file, ...source.options, '-T', 'json', '-x', '--no-duplicate-keys'].join(' ');
  const lines = (items: readonly unknown[]): string => items.map((item) => JSON.stringify(item)).join(',\n  ');
  const header = JSON.stringify({ capture: source.file, tshark: version, command }).slice(0, -1);
  writeFileSync(path.join(here, `${name}.json`), `${header},\n "messages": [\n  ${lines(messages)}\n ],\n "sslv2": [\n  ${lines(sslv2)}\n ]\n}\n`);
  console.log(`${name}: ${messages.length} messages, ${sslv2.length} SSLv2 records`);
}
