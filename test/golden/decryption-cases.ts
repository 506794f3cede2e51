/**
 * The shared captures tshark decrypts, with the secrets each needs, in tshark's and keyhole's
 * terms (see ../shared/captures/MANIFEST.md). Used by the golden writer and the decryption test.
 */
export interface DecryptionCase {
  readonly capture: string;
  readonly key?: string;
  readonly keyPassword?: string;
  readonly keylog?: string;
  readonly psk?: string;
}

export const PSK = 'ca19e028a8a372ad2d325f950fcaceed';

export const DECRYPTION_CASES: readonly DecryptionCase[] = [
  { capture: 'rsasnakeoil2.pcap', key: 'rsasnakeoil2.key' },
  { capture: 'rsa-p-lt-q.pcap', key: 'rsa-p-lt-q.key' },
  { capture: 'dmgr.pcapng', key: 'key.p12', keyPassword: 'WebAS' },
  { capture: 'dhe1.pcapng.gz', keylog: 'dhe1_keylog.dat' },
  { capture: 'tls-renegotiation.pcap', key: 'rsasnakeoil2.key' },
  { capture: 'tls12-aes128ccm.pcap', psk: PSK },
  { capture: 'tls12-aes256gcm.pcap', psk: PSK },
  { capture: 'tls12-chacha20poly1305.pcap', keylog: 'tls12-chacha20poly1305.keys' },
  { capture: 'tls13-20-chacha20poly1305.pcap', keylog: 'tls13-20-chacha20poly1305.keys' },
  { capture: 'tls13-rfc8446.pcap', keylog: 'tls13-rfc8446.keys' },
  { capture: 'tls12-dsb.pcapng' },
  { capture: 'http2-data-reassembly.pcap', keylog: 'http2-data-reassembly.keys' },
  { capture: 'http2-brotli.pcapng' },
  { capture: 'extra/tls12-73-ciphers.pcapng', keylog: 'extra/tls12-73-ciphers.keys' },
  { capture: 'extra/ssl3-39-ciphers.pcapng', keylog: 'extra/ssl3-39-ciphers.keys' },
  { capture: 'extra/illustrated-tls12.pcap', keylog: 'extra/illustrated-tls12.keys' },
  { capture: 'extra/illustrated-tls13.pcap', keylog: 'extra/illustrated-tls13.keys' },
  { capture: 'extra/tls12-null-cipher.pcapng' },
];

/** The same capture with the key log that lacks CLIENT_EARLY_TRAFFIC_SECRET. */
export const NO_EARLY_CASE: DecryptionCase = { capture: 'tls13-rfc8446.pcap', keylog: 'tls13-rfc8446-noearly.keys' };
