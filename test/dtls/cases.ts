/**
 * The DTLS captures keyhole is checked on, with the secrets each needs, for keyhole and for
 * tshark 4.0 (the options Wireshark's own decryption suite uses), and the shape of what
 * golden/dtls-captures.json records per udp.stream:
 * - the four DTLS captures of the shared corpus (MANIFEST sections 1 and 3);
 * - data/openssl-dtls12-ems.pcapng, made here because no shared capture negotiates the Extended
 *   Master Secret over DTLS: OpenSSL 3.0.19 `s_server -dtls1_2 -cipher AES128-SHA -keylogfile`
 *   and `s_client -dtls1_2 -cipher AES128-SHA` on loopback, captured with dumpcap. It has a
 *   HelloVerifyRequest, a Certificate in five fragments, EMS and encrypt-then-MAC, a
 *   NewSessionTicket and one line each way; the server key (a throwaway self-signed RSA 2048)
 *   and OpenSSL's key log sit beside it.
 */
import { repoPath, sharedCaptures } from '../helpers/shared.js';

export interface DtlsCase {
  readonly capture: string;
  /** Where the capture and its secrets are: the shared captures folder, or test/dtls/data. */
  readonly folder: 'shared' | 'local';
  /** Server RSA key file, relative to the captures folder. */
  readonly key?: string;
  readonly psk?: string;
  /** tshark preferences that decrypt the capture, with file names relative to the captures folder. */
  readonly tshark: readonly string[];
}

export const PSK = 'ca19e028a8a372ad2d325f950fcaceed';

export const DTLS_CASES: readonly DtlsCase[] = [
  { capture: 'snakeoil-dtls.pcap', folder: 'shared', key: 'snakeoil-rsa.key', tshark: ['uat:rsa_keys:"snakeoil-rsa.key",""'] },
  { capture: 'dtls12-aes128ccm8.pcap', folder: 'shared', psk: PSK, tshark: [`dtls.psk:${PSK}`] },
  // The secrets come from the capture's Decryption Secrets Block: no option at all.
  { capture: 'dtls12-aes128ccm8-dsb.pcapng', folder: 'shared', tshark: [] },
  { capture: 'udt-dtls.pcapng.gz', folder: 'shared', key: 'udt-dtls.key', tshark: ['dtls.keys_list:0.0.0.0,0,data,udt-dtls.key'] },
  { capture: 'openssl-dtls12-ems.pcapng', folder: 'local', key: 'openssl-dtls12-ems.key', tshark: ['uat:rsa_keys:"openssl-dtls12-ems.key",""'] },
];

/** The folder a case's files are in, or undefined when it is the shared one and this checkout has none. */
export function folderOf(c: DtlsCase): string | undefined {
  return c.folder === 'local' ? repoPath('test/dtls/data') : sharedCaptures;
}

/** A handshake message or fragment as tshark lists it (retransmissions included). */
export interface Message {
  frame: number;
  /** Sender, "address:port". */
  from: string;
  type: number;
  messageSeq: number;
  length: number;
  fragmentOffset: number;
  fragmentLength: number;
}

/** A record tshark decrypted; `hex` only when at most 256 bytes. */
export interface DecryptedRecord {
  frame: number;
  from: string;
  epoch: number;
  sequence: number;
  contentType: number;
  length: number;
  sha256: string;
  hex?: string;
}

export interface StreamFacts {
  firstSender: string;
  handshake: Message[];
  decrypted: DecryptedRecord[];
}
