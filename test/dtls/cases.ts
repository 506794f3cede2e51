/**
 * The four DTLS captures of the shared corpus (MANIFEST sections 1 and 3) with the secrets each
 * needs, for keyhole and for tshark 4.0 (the options Wireshark's own decryption suite uses), and
 * the shape of what golden/dtls-captures.json records per udp.stream.
 */
export interface DtlsCase {
  readonly capture: string;
  /** Server RSA key file, relative to the captures folder. */
  readonly key?: string;
  readonly psk?: string;
  /** tshark preferences that decrypt the capture, with file names relative to the captures folder. */
  readonly tshark: readonly string[];
}

export const PSK = 'ca19e028a8a372ad2d325f950fcaceed';

export const DTLS_CASES: readonly DtlsCase[] = [
  { capture: 'snakeoil-dtls.pcap', key: 'snakeoil-rsa.key', tshark: ['uat:rsa_keys:"snakeoil-rsa.key",""'] },
  { capture: 'dtls12-aes128ccm8.pcap', psk: PSK, tshark: [`dtls.psk:${PSK}`] },
  // The secrets come from the capture's Decryption Secrets Block: no option at all.
  { capture: 'dtls12-aes128ccm8-dsb.pcapng', tshark: [] },
  { capture: 'udt-dtls.pcapng.gz', key: 'udt-dtls.key', tshark: ['dtls.keys_list:0.0.0.0,0,data,udt-dtls.key'] },
];

/** A handshake message as tshark lists it (retransmissions included). */
export interface Message {
  frame: number;
  /** Sender, "address:port". */
  from: string;
  type: number;
  messageSeq: number;
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
