/**
 * The NSS key log labels (NSS "Key Log Format"; draft-ietf-tls-keylogfile 3), as Wireshark 4.0
 * reads them (packet-tls-utils.c, ssl_load_keyfile). Each row says what the line's middle field
 * identifies, what its last field is, and how many bytes each may have. "RSA Session-ID" is
 * OpenSSL s_client's "RSA Session-ID:<id> Master-Key:<secret>" form; its fields carry prefixes.
 */

/** What the middle field of a line identifies the session by. */
export type KeyLogIndex = 'client-random' | 'session-id' | 'encrypted-pre-master-prefix';

/** The TLS 1.3 secrets (RFC 8446 7.1), named as the store hands them out. */
export type Tls13SecretName = 'clientEarly' | 'clientHandshake' | 'serverHandshake' | 'client0' | 'server0' | 'earlyExporter' | 'exporter';

/** The TLS 1.3 secrets known for one connection. */
export type Tls13Secrets = { readonly [name in Tls13SecretName]?: Uint8Array };

export type KeyLogSecretKind = 'master-secret' | 'pre-master-secret' | 'tls13-secret';

/** Allowed byte counts: a list, or an inclusive range. */
export type ByteLengths = readonly number[] | { readonly min: number; readonly max: number };

interface KeyLogLabelRow {
  /** The first word of the line (differs from the table key only for "RSA Session-ID"). */
  readonly word: string;
  readonly indexedBy: KeyLogIndex;
  readonly keyBytes: ByteLengths;
  readonly keyPrefix?: string;
  readonly secret: KeyLogSecretKind;
  readonly secretBytes: ByteLengths;
  readonly secretPrefix?: string;
  /** Which TLS 1.3 secret the line gives, for 'tls13-secret' rows. */
  readonly tls13?: Tls13SecretName;
}

const CLIENT_RANDOM_BYTES = [32];
const MASTER_SECRET_BYTES = [48];
/** SHA-256 and SHA-384 are the only TLS 1.3 hashes (RFC 8446 B.4). */
const TLS13_SECRET_BYTES = [32, 48];

function tls13Row(word: string, tls13: Tls13SecretName): KeyLogLabelRow {
  return { word, indexedBy: 'client-random', keyBytes: CLIENT_RANDOM_BYTES, secret: 'tls13-secret', secretBytes: TLS13_SECRET_BYTES, tls13 };
}

export const KEYLOG_LABELS = {
  CLIENT_RANDOM: { word: 'CLIENT_RANDOM', indexedBy: 'client-random', keyBytes: CLIENT_RANDOM_BYTES, secret: 'master-secret', secretBytes: MASTER_SECRET_BYTES },
  // RFC 5246 7.4.7.1: an RSA pre-master secret is 48 bytes; the key is the first 8 bytes of its encryption.
  RSA: { word: 'RSA', indexedBy: 'encrypted-pre-master-prefix', keyBytes: [8], secret: 'pre-master-secret', secretBytes: [48] },
  'RSA Session-ID': {
    word: 'RSA',
    indexedBy: 'session-id',
    keyBytes: { min: 1, max: 32 },
    keyPrefix: 'Session-ID:',
    secret: 'master-secret',
    secretBytes: MASTER_SECRET_BYTES,
    secretPrefix: 'Master-Key:',
  },
  // A (EC)DHE pre-master secret is as long as the group's shared secret, so any length goes.
  PMS_CLIENT_RANDOM: { word: 'PMS_CLIENT_RANDOM', indexedBy: 'client-random', keyBytes: CLIENT_RANDOM_BYTES, secret: 'pre-master-secret', secretBytes: { min: 1, max: 1024 } },
  CLIENT_EARLY_TRAFFIC_SECRET: tls13Row('CLIENT_EARLY_TRAFFIC_SECRET', 'clientEarly'),
  CLIENT_HANDSHAKE_TRAFFIC_SECRET: tls13Row('CLIENT_HANDSHAKE_TRAFFIC_SECRET', 'clientHandshake'),
  SERVER_HANDSHAKE_TRAFFIC_SECRET: tls13Row('SERVER_HANDSHAKE_TRAFFIC_SECRET', 'serverHandshake'),
  CLIENT_TRAFFIC_SECRET_0: tls13Row('CLIENT_TRAFFIC_SECRET_0', 'client0'),
  SERVER_TRAFFIC_SECRET_0: tls13Row('SERVER_TRAFFIC_SECRET_0', 'server0'),
  EARLY_EXPORTER_SECRET: tls13Row('EARLY_EXPORTER_SECRET', 'earlyExporter'),
  EXPORTER_SECRET: tls13Row('EXPORTER_SECRET', 'exporter'),
} as const satisfies Record<string, KeyLogLabelRow>;

export type KeyLogLabel = keyof typeof KEYLOG_LABELS;

export const KEYLOG_LABEL_NAMES: readonly KeyLogLabel[] = Object.keys(KEYLOG_LABELS).filter(isKeyLogLabel);

export function isKeyLogLabel(name: string): name is KeyLogLabel {
  return Object.hasOwn(KEYLOG_LABELS, name);
}

export function labelRow(label: KeyLogLabel): KeyLogLabelRow {
  return KEYLOG_LABELS[label];
}

/** The label that gives a TLS 1.3 secret, for writing key logs. */
export const TLS13_SECRET_LABELS: readonly { readonly label: KeyLogLabel; readonly name: Tls13SecretName }[] = KEYLOG_LABEL_NAMES.flatMap((label) => {
  const name = labelRow(label).tls13;
  return name === undefined ? [] : [{ label, name }];
});

export function lengthAllowed(rule: ByteLengths, length: number): boolean {
  return 'min' in rule ? length >= rule.min && length <= rule.max : rule.includes(length);
}

export function describeLengths(rule: ByteLengths): string {
  return 'min' in rule ? `${rule.min} to ${rule.max} bytes` : `${rule.join(' or ')} bytes`;
}
