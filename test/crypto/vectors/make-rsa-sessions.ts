/**
 * Writes rsa-sessions.json: real TLS 1.0-1.2 sessions between node:tls (OpenSSL) client and
 * server with RSA key exchange, recorded through a local TCP relay. OpenSSL negotiates the
 * extended master secret (RFC 7627) and encrypt-then-MAC (RFC 7366) unless told not to, and its
 * key log gives the master secret it derived, so each session is a vector for RSA pre-master
 * decryption, EMS, the key block and CBC records in both MAC orders.
 *
 * Run once, by hand (needs the openssl command for the throwaway certificate):
 * npx tsx test/crypto/vectors/make-rsa-sessions.ts
 */
import { execFileSync } from 'node:child_process';
import { constants } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import tls from 'node:tls';
import { fileURLToPath } from 'node:url';
import { concatBytes, hex, u16, u24 } from '../../../dissect/bytes.js';

interface Variant {
  readonly name: string;
  readonly version: tls.SecureVersion;
  readonly ciphers: string;
  readonly secureOptions: number;
}

const VARIANTS: Variant[] = [
  { name: 'TLS 1.2 AES128-SHA, EMS and encrypt-then-MAC', version: 'TLSv1.2', ciphers: 'AES128-SHA:@SECLEVEL=0', secureOptions: 0 },
  { name: 'TLS 1.2 AES256-SHA256, EMS, MAC-then-encrypt', version: 'TLSv1.2', ciphers: 'AES256-SHA256:@SECLEVEL=0', secureOptions: constants.SSL_OP_NO_ENCRYPT_THEN_MAC },
  { name: 'TLS 1.1 AES128-SHA, EMS and encrypt-then-MAC', version: 'TLSv1.1', ciphers: 'AES128-SHA:@SECLEVEL=0', secureOptions: 0 },
  { name: 'TLS 1.0 AES256-SHA, EMS, MAC-then-encrypt', version: 'TLSv1', ciphers: 'AES256-SHA:@SECLEVEL=0', secureOptions: constants.SSL_OP_NO_ENCRYPT_THEN_MAC },
];

interface Recording {
  readonly client: Buffer[];
  readonly server: Buffer[];
}

function records(bytes: Uint8Array): { type: number; body: Uint8Array; raw: Uint8Array }[] {
  const out: { type: number; body: Uint8Array; raw: Uint8Array }[] = [];
  for (let at = 0; at + 5 <= bytes.length; ) {
    const end = at + 5 + u16(bytes, at + 3);
    out.push({ type: bytes[at] ?? 0, body: bytes.subarray(at + 5, end), raw: bytes.subarray(at, end) });
    at = end;
  }
  return out;
}

/** Handshake messages (with headers) sent before the direction's ChangeCipherSpec. */
function plaintextHandshake(bytes: Uint8Array): Uint8Array[] {
  const all = records(bytes);
  const ccs = all.findIndex((r) => r.type === 20);
  const body = concatBytes(all.slice(0, ccs).filter((r) => r.type === 22).map((r) => r.body));
  const messages: Uint8Array[] = [];
  for (let at = 0; at + 4 <= body.length; at += 4 + u24(body, at + 1)) messages.push(body.subarray(at, at + 4 + u24(body, at + 1)));
  return messages;
}

function hasExtension(serverHello: Uint8Array, type: number): boolean {
  let at = 4 + 34;
  at += 1 + (serverHello[at] ?? 0) + 3;
  for (let ext = at + 2; ext + 4 <= serverHello.length; ext += 4 + u16(serverHello, ext + 2)) {
    if (u16(serverHello, ext) === type) return true;
  }
  return false;
}

function portOf(listener: net.Server): number {
  const address = listener.address();
  if (address === null || typeof address === 'string') throw new Error('not listening on TCP');
  return address.port;
}

async function run(variant: Variant, key: string, cert: string): Promise<Record<string, unknown>> {
  const recording: Recording = { client: [], server: [] };
  const server = tls.createServer({ key, cert, ciphers: variant.ciphers, minVersion: variant.version, maxVersion: variant.version, secureOptions: variant.secureOptions }, (socket) => {
    socket.on('data', () => socket.end('pong'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const serverPort = portOf(server);
  const relay = net.createServer((inbound) => {
    const outbound = net.connect(serverPort, '127.0.0.1');
    inbound.on('data', (chunk: Buffer) => { recording.client.push(chunk); outbound.write(chunk); });
    outbound.on('data', (chunk: Buffer) => { recording.server.push(chunk); inbound.write(chunk); });
    inbound.on('end', () => outbound.end());
    outbound.on('end', () => inbound.end());
  });
  await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', resolve));
  const relayPort = portOf(relay);
  let keyLogLine = '';
  await new Promise<void>((resolve, reject) => {
    const client = tls.connect({
      port: relayPort, host: '127.0.0.1', rejectUnauthorized: false, ciphers: variant.ciphers,
      minVersion: variant.version, maxVersion: variant.version, secureOptions: variant.secureOptions,
    });
    client.on('keylog', (line: Buffer) => { keyLogLine = line.toString().trim(); });
    client.on('secureConnect', () => client.write('ping'));
    client.on('data', () => client.end());
    client.on('close', () => resolve());
    client.on('error', reject);
  });
  relay.close();
  server.close();
  const clientBytes = new Uint8Array(Buffer.concat(recording.client));
  const serverBytes = new Uint8Array(Buffer.concat(recording.server));
  const clientHandshake = plaintextHandshake(clientBytes);
  // The server's flight up to ServerHelloDone; its NewSessionTicket follows the ClientKeyExchange.
  const serverFlight = plaintextHandshake(serverBytes);
  const serverHandshake = serverFlight.slice(0, serverFlight.findIndex((m) => m[0] === 14) + 1);
  const [clientHello, clientKeyExchange] = [clientHandshake[0], clientHandshake.at(-1)];
  const serverHello = serverHandshake[0];
  if (clientHello === undefined || clientKeyExchange === undefined || serverHello === undefined) throw new Error('handshake not recorded');
  const [, , master] = keyLogLine.split(' ');
  const protectedRecords = (bytes: Uint8Array): string[] => {
    const all = records(bytes);
    return all.slice(all.findIndex((r) => r.type === 20) + 1).map((r) => hex(r.raw));
  };
  return {
    name: variant.name,
    version: u16(serverHello, 4),
    suite: u16(serverHello, 4 + 34 + 1 + (serverHello[4 + 34] ?? 0)),
    extendedMasterSecret: hasExtension(serverHello, 23),
    encryptThenMac: hasExtension(serverHello, 22),
    clientRandom: hex(clientHello.subarray(6, 38)),
    serverRandom: hex(serverHello.subarray(6, 38)),
    // RFC 7627 3: ClientHello through ClientKeyExchange, as sent.
    handshakeMessages: hex(concatBytes([clientHello, ...serverHandshake, clientKeyExchange])),
    encryptedPreMaster: hex(clientKeyExchange.subarray(4 + 2)),
    masterSecret: master,
    client: protectedRecords(clientBytes),
    server: protectedRecords(serverBytes),
  };
}

const work = mkdtempSync(path.join(tmpdir(), 'keyhole-rsa-'));
execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', path.join(work, 'key.pem'), '-out', path.join(work, 'cert.pem'), '-subj', '/CN=keyhole test', '-days', '2'], { stdio: 'ignore' });
const key = readFileSync(path.join(work, 'key.pem'), 'utf8');
const cert = readFileSync(path.join(work, 'cert.pem'), 'utf8');
const sessions = [];
for (const variant of VARIANTS) sessions.push(await run(variant, key, cert));
const here = path.dirname(fileURLToPath(import.meta.url));
writeFileSync(path.join(here, 'rsa-sessions.json'), `${JSON.stringify({ note: 'Written by make-rsa-sessions.ts: node:tls sessions with a throwaway RSA key; masterSecret is what OpenSSL logged.', privateKey: key, sessions }, null, 2)}\n`);
console.log(sessions.map((s) => `${String(s.name)} ems=${String(s.extendedMasterSecret)} etm=${String(s.encryptThenMac)}`).join('\n'));
