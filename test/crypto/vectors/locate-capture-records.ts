/**
 * Writes capture-records.json: where, byte for byte, the protected records, randoms and encrypted
 * pre-master secrets of chosen sessions lie in the public captures (../shared/captures), so the
 * tests read them from the captures themselves and the repository holds no copy of their bytes.
 * tshark 4.0 lists each TCP/UDP payload; records are framed here (RFC 5246 6.2.1, RFC 6347 4.1)
 * and every payload is found in the capture file by its bytes.
 *
 * Run once, by hand, when the sessions below change: npx tsx test/crypto/vectors/locate-capture-records.ts
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { fromHex, u16, u24 } from '../../../dissect/bytes.js';
import { sharedCaptures } from '../../helpers/shared.js';

type Piece = readonly [offset: number, length: number];

interface SessionSpec {
  readonly name: string;
  readonly file: string;
  readonly stream: number;
  readonly transport: 'tcp' | 'udp';
  /** Protected records kept per direction (after the direction's ChangeCipherSpec, or all TLS 1.3 ones). */
  readonly records: number;
  readonly keys?: string;
  readonly psk?: string;
  readonly rsaKey?: string;
}

const PSK = 'ca19e028a8a372ad2d325f950fcaceed';

function streamsOf(file: string, transport: 'tcp' | 'udp'): number[] {
  const out = execFileSync('tshark', ['-r', file, '-T', 'fields', '-e', `${transport}.stream`, '-Y', transport], { cwd: sharedCaptures, maxBuffer: 1 << 26 });
  return [...new Set(out.toString().trim().split('\n').filter(Boolean).map(Number))];
}

const SPECS: SessionSpec[] = [
  { name: 'illustrated TLS 1.2', file: 'extra/illustrated-tls12.pcap', stream: 0, transport: 'tcp', records: 3, keys: 'extra/illustrated-tls12.keys' },
  { name: 'illustrated TLS 1.3', file: 'extra/illustrated-tls13.pcap', stream: 0, transport: 'tcp', records: 8, keys: 'extra/illustrated-tls13.keys' },
  { name: 'TLS 1.3 draft 20 ChaCha20-Poly1305', file: 'tls13-20-chacha20poly1305.pcap', stream: 0, transport: 'tcp', records: 8, keys: 'tls13-20-chacha20poly1305.keys' },
  { name: 'TLS 1.3 RFC 8446 AES-128-GCM', file: 'tls13-rfc8446.pcap', stream: 0, transport: 'tcp', records: 8, keys: 'tls13-rfc8446.keys' },
  { name: 'TLS 1.2 PSK AES-128-CCM', file: 'tls12-aes128ccm.pcap', stream: 0, transport: 'tcp', records: 4, psk: PSK },
  { name: 'TLS 1.2 PSK AES-256-GCM-SHA384', file: 'tls12-aes256gcm.pcap', stream: 0, transport: 'tcp', records: 4, psk: PSK },
  { name: 'DTLS 1.2 PSK AES-128-CCM_8', file: 'dtls12-aes128ccm8.pcap', stream: 0, transport: 'udp', records: 4, psk: PSK },
  { name: 'SSL 3.0 RSA AES-256-CBC', file: 'rsasnakeoil2.pcap', stream: 0, transport: 'tcp', records: 2, rsaKey: 'rsasnakeoil2.key' },
  { name: 'DTLS 1.0 (OpenSSL pre-0.9.8f) RSA AES-256-CBC', file: 'snakeoil-dtls.pcap', stream: 0, transport: 'udp', records: 4, rsaKey: 'snakeoil-rsa.key' },
  { name: 'TLS 1.2 NULL-SHA256 without keys', file: 'extra/tls12-null-cipher.pcapng', stream: 0, transport: 'tcp', records: 2 },
  ...[0, 1, 2, 3, 4, 5, 6].map((stream): SessionSpec => ({
    name: `TLS 1.2 ChaCha20-Poly1305 stream ${stream}`, file: 'tls12-chacha20poly1305.pcap', stream, transport: 'tcp', records: 2, keys: 'tls12-chacha20poly1305.keys',
  })),
  ...streamsOf('extra/tls12-73-ciphers.pcapng', 'tcp').map((stream): SessionSpec => ({
    name: `TLS 1.2 suite test stream ${stream}`, file: 'extra/tls12-73-ciphers.pcapng', stream, transport: 'tcp', records: 3, keys: 'extra/tls12-73-ciphers.keys',
  })),
  ...streamsOf('extra/ssl3-39-ciphers.pcapng', 'tcp').map((stream): SessionSpec => ({
    name: `SSL 3.0 suite test stream ${stream}`, file: 'extra/ssl3-39-ciphers.pcapng', stream, transport: 'tcp', records: 3, keys: 'extra/ssl3-39-ciphers.keys',
  })),
];

interface Chunk {
  readonly bytes: Uint8Array;
  readonly fileOffset: number;
}

/** A direction's bytes as the concatenation of its payloads, each located in the capture file. */
class Direction {
  readonly chunks: Chunk[] = [];
  length = 0;

  add(bytes: Uint8Array, fileOffset: number): void {
    this.chunks.push({ bytes, fileOffset });
    this.length += bytes.length;
  }

  /** The file pieces holding stream bytes [start, end). */
  pieces(start: number, end: number): Piece[] {
    const pieces: Piece[] = [];
    let at = 0;
    for (const chunk of this.chunks) {
      const from = Math.max(start, at);
      const to = Math.min(end, at + chunk.bytes.length);
      if (from < to) pieces.push([chunk.fileOffset + from - at, to - from]);
      at += chunk.bytes.length;
    }
    return pieces;
  }

  bytes(): Uint8Array {
    const out = new Uint8Array(this.length);
    let at = 0;
    for (const chunk of this.chunks) {
      out.set(chunk.bytes, at);
      at += chunk.bytes.length;
    }
    return out;
  }
}

interface FramedRecord {
  readonly type: number;
  readonly start: number;
  readonly end: number;
  readonly bodyStart: number;
}

/** RFC 6101 E.1: an SSL 2.0-format ClientHello (2-byte header, top bit set) may open the client's stream. */
function sslv2HelloLength(bytes: Uint8Array): number {
  return ((bytes[0] ?? 0) & 0x80) === 0 ? 0 : 2 + (u16(bytes, 0) & 0x7fff);
}

function frame(bytes: Uint8Array, datagram: boolean): FramedRecord[] {
  const header = datagram ? 13 : 5;
  const records: FramedRecord[] = [];
  for (let at = sslv2HelloLength(bytes); at + header <= bytes.length; ) {
    const length = u16(bytes, at + header - 2);
    if (at + header + length > bytes.length) break;
    records.push({ type: bytes[at] ?? 0, start: at, end: at + header + length, bodyStart: at + header });
    at += header + length;
  }
  return records;
}

function locate(file: Uint8Array, bytes: Uint8Array, from: number): number {
  const at = Buffer.from(file.buffer, file.byteOffset, file.byteLength).indexOf(bytes, from);
  if (at < 0) throw new Error('payload not found in the capture file');
  return at;
}

function directions(spec: SessionSpec, file: Uint8Array): { client: Direction; server: Direction } {
  const t = spec.transport;
  const out = execFileSync('tshark', [
    '-r', spec.file, '-T', 'fields', '-e', `${t}.srcport`, '-e', `${t}.payload`,
    '-Y', `${t}.stream == ${spec.stream} && ${t === 'tcp' ? 'tcp.len > 0 && !tcp.analysis.retransmission' : 'udp'}`,
  ], { cwd: sharedCaptures, maxBuffer: 1 << 26 });
  const lines = out.toString().trim().split('\n').map((line) => line.split('\t'));
  const clientPort = lines[0]?.[0];
  const client = new Direction();
  const server = new Direction();
  let searchFrom = 0;
  for (const [port, payloadHex] of lines) {
    const payload = fromHex(payloadHex ?? '');
    if (payload === undefined || payload.length === 0) continue;
    const fileOffset = locate(file, payload, searchFrom);
    searchFrom = fileOffset + payload.length;
    (port === clientPort ? client : server).add(payload, fileOffset);
  }
  return { client, server };
}

/** Handshake messages of a direction's plaintext records, with their 4- or 12-byte headers. */
function handshakeMessages(direction: Direction, datagram: boolean): { type: number; start: number; body: Uint8Array }[] {
  const bytes = direction.bytes();
  const header = datagram ? 12 : 4;
  const messages: { type: number; start: number; body: Uint8Array }[] = [];
  for (const record of frame(bytes, datagram)) {
    if (record.type === 20) break;
    if (record.type !== 22) continue;
    for (let at = record.bodyStart; at + header <= record.end; ) {
      const length = u24(bytes, at + 1);
      messages.push({ type: bytes[at] ?? 0, start: at, body: bytes.subarray(at + header, at + header + length) });
      at += header + length;
    }
  }
  return messages;
}

const TLS13_DRAFT_WITHOUT_SESSION_ID = 22;

/**
 * RFC 6101 E.1: the challenge of an SSL 2.0 ClientHello, right-aligned in 32 bytes, is the client
 * random; `pad` zero bytes go before it.
 */
function sslv2ClientRandom(client: Direction): { pieces: Piece[]; pad: number } {
  const bytes = client.bytes();
  if (sslv2HelloLength(bytes) === 0) throw new Error('no ClientHello');
  const specs = u16(bytes, 5);
  const sessionId = u16(bytes, 7);
  const challenge = u16(bytes, 9);
  const start = 11 + specs + sessionId;
  return { pieces: client.pieces(start, start + challenge), pad: 32 - challenge };
}

function describe(spec: SessionSpec, file: Uint8Array): Record<string, unknown> {
  const datagram = spec.transport === 'udp';
  const { client, server } = directions(spec, file);
  const header = datagram ? 12 : 4;
  const bodyStart = (message: { start: number }): number => message.start + header;
  // The last ClientHello before ChangeCipherSpec: after a DTLS HelloVerifyRequest, old OpenSSL sent a new random.
  const hello = handshakeMessages(client, datagram).filter((m) => m.type === 1).at(-1);
  const serverHello = handshakeMessages(server, datagram).find((m) => m.type === 2);
  if (serverHello === undefined) throw new Error(`${spec.name}: no ServerHello`);
  const clientRandom = hello === undefined ? sslv2ClientRandom(client) : { pieces: client.pieces(bodyStart(hello) + 2, bodyStart(hello) + 34), pad: 0 };
  const sh = serverHello.body;
  let version = u16(sh, 0);
  const early13Draft = version >> 8 === 0x7f && (version & 0xff) < TLS13_DRAFT_WITHOUT_SESSION_ID;
  let at = 34;
  if (!early13Draft) at += 1 + (sh[34] ?? 0);
  const suite = u16(sh, at);
  const compression = early13Draft ? 0 : sh[at + 2] ?? 0;
  at += early13Draft ? 2 : 3;
  for (let ext = at + 2; ext + 4 <= sh.length; ext += 4 + u16(sh, ext + 2)) {
    if (u16(sh, ext) === 43) version = u16(sh, ext + 4);
  }
  const tls13 = version === 0x0304 || version >> 8 === 0x7f;
  const protectedRecords = (direction: Direction): Piece[][] => {
    const records = frame(direction.bytes(), datagram);
    const afterCcs = records.findIndex((r) => r.type === 20);
    const kept = tls13 ? records.filter((r) => r.type === 23) : afterCcs < 0 ? [] : records.slice(afterCcs + 1);
    return kept.slice(0, spec.records).map((r) => direction.pieces(r.start, r.end));
  };
  const clientKeyExchange = handshakeMessages(client, datagram).find((m) => m.type === 16);
  return {
    name: spec.name,
    file: spec.file,
    transport: spec.transport,
    version,
    suite,
    compression,
    clientRandom: clientRandom.pieces,
    ...(clientRandom.pad === 0 ? {} : { clientRandomZeroPad: clientRandom.pad }),
    serverRandom: server.pieces(bodyStart(serverHello) + 2, bodyStart(serverHello) + 34),
    ...(spec.keys === undefined ? {} : { keys: spec.keys }),
    ...(spec.psk === undefined ? {} : { psk: spec.psk }),
    ...(spec.rsaKey === undefined || clientKeyExchange === undefined ? {} : {
      rsaKey: spec.rsaKey,
      // TLS and DTLS prefix the EncryptedPreMasterSecret with its length; SSL 3.0 and pre-RFC DTLS do not.
      encryptedPreMaster: client.pieces(
        bodyStart(clientKeyExchange) + (version === 0x0300 || version === 0x0100 ? 0 : 2), bodyStart(clientKeyExchange) + clientKeyExchange.body.length,
      ),
    }),
    client: protectedRecords(client),
    server: protectedRecords(server),
  };
}

const captures = sharedCaptures;
if (captures === undefined) throw new Error('../shared/captures is needed to locate records');
const sessions = SPECS.map((spec) => describe(spec, new Uint8Array(readFileSync(path.join(captures, spec.file)))));
const here = path.dirname(fileURLToPath(import.meta.url));
writeFileSync(path.join(here, 'capture-records.json'), `${JSON.stringify({ note: 'Written by locate-capture-records.ts; [offset, length] pieces of the capture files.', sessions })}\n`);
console.log(`${sessions.length} sessions`);
