import test from 'ava';
import { readFileSync } from 'node:fs';
import { CIPHER_SUITE_NAMES, UNDESCRIBED_SUITE_NAMES } from '../../dissect/tls/tables/cipher-suite-names.js';
import { CIPHER_SUITES, cipherSuite, cipherSuiteName } from '../../dissect/tls/tables/index.js';
import type { CipherMode, CipherSuiteInfo, MacAlgorithm } from '../../dissect/tls/tables/index.js';
import { expectNames } from './tools.js';

const rows: readonly CipherSuiteInfo[] = [...CIPHER_SUITES.values()];

const AEAD_MODES: ReadonlySet<CipherMode> = new Set(['gcm', 'ccm', 'ccm8', 'poly1305', 'hmac']);
const MAC_LENGTHS: Readonly<Record<MacAlgorithm, number | undefined>> = {
  NULL: 0, MD5: 16, SHA1: 20, SHA256: 32, SHA384: 48, AEAD: 0, GOST: undefined,
};

function describe(row: CipherSuiteInfo): string {
  return `${row.name} (0x${row.id.toString(16).padStart(4, '0')})`;
}

test('every named suite has a complete row and every row sits under its own id', (t) => {
  t.is(CIPHER_SUITES.size, Object.keys(CIPHER_SUITE_NAMES).length);
  for (const [id, row] of CIPHER_SUITES) t.is(row.id, id, describe(row));
});

test('suite names are unique across described and undescribed suites', (t) => {
  const names = [...Object.values(CIPHER_SUITE_NAMES), ...Object.values(UNDESCRIBED_SUITE_NAMES)];
  t.is(new Set(names).size, names.length);
  const describedIds = Object.keys(CIPHER_SUITE_NAMES);
  t.deepEqual(Object.keys(UNDESCRIBED_SUITE_NAMES).filter((id) => describedIds.includes(id)), []);
});

test('a suite has an AEAD tag exactly when its MAC is the AEAD', (t) => {
  for (const row of rows) {
    t.is(row.tagLength > 0, row.mac === 'AEAD', describe(row));
    if (AEAD_MODES.has(row.mode)) t.true(row.tagLength > 0, describe(row));
    if (row.mac === 'AEAD') t.is(row.macLength, 0, describe(row));
  }
});

test('each HMAC row carries its hash output length', (t) => {
  for (const row of rows) {
    const expected = MAC_LENGTHS[row.mac];
    if (expected !== undefined) t.is(row.macLength, expected, describe(row));
  }
});

test('CBC suites have a block size and a one-block IV both in the key block and on the wire', (t) => {
  for (const row of rows.filter((r) => r.mode === 'cbc')) {
    t.true(row.blockSize > 0, describe(row));
    t.is(row.fixedIvLength, row.blockSize, describe(row));
    t.is(row.recordIvLength, row.blockSize, describe(row));
  }
});

test('stream and NULL suites take no IV and have no block size', (t) => {
  for (const row of rows.filter((r) => r.mode === 'stream' || r.mode === 'null')) {
    t.is(row.fixedIvLength, 0, describe(row));
    t.is(row.recordIvLength, 0, describe(row));
    t.is(row.blockSize, 0, describe(row));
  }
});

test('TLS 1.2 GCM and CCM suites use a 4-byte salt and an 8-byte explicit nonce', (t) => {
  const saltedRows = rows.filter((r) => !r.tls13 && (r.mode === 'gcm' || r.mode === 'ccm' || r.mode === 'ccm8'));
  t.true(saltedRows.length > 50);
  for (const row of saltedRows) {
    t.is(row.fixedIvLength, 4, describe(row));
    t.is(row.recordIvLength, 8, describe(row));
    t.is(row.tagLength, row.mode === 'ccm8' ? 8 : 16, describe(row));
  }
});

test('TLS 1.3 suites and ChaCha20-Poly1305 send no explicit nonce', (t) => {
  for (const row of rows.filter((r) => r.tls13 || r.mode === 'poly1305')) {
    t.is(row.recordIvLength, 0, describe(row));
  }
});

test('export suites either expand a short key or keep at most 56 secret bits', (t) => {
  const exportRows = rows.filter((r) => r.export);
  const exportIds = [0x03, 0x06, 0x08, 0x0b, 0x0e, 0x11, 0x14, 0x17, 0x19, 0x26, 0x27, 0x28, 0x29, 0x2a, 0x2b, 0x60, 0x61, 0x62, 0x63, 0x64, 0x65];
  t.deepEqual(exportRows.map((r) => r.id), exportIds);
  for (const row of exportRows) {
    t.true(row.keyLength < row.expandedKeyLength || row.keyBits <= 56, describe(row));
    t.true(row.keyBits <= 56, describe(row));
  }
  for (const row of rows.filter((r) => !r.export)) t.is(row.keyLength, row.expandedKeyLength, describe(row));
});

test('every TLS 1.3 suite is marked tls13 and negotiates nothing else in its name', (t) => {
  const tls13Ids = [0x1301, 0x1302, 0x1303, 0x1304, 0x1305, 0x1306, 0x1307, 0x00c6, 0x00c7, 0xc0b4, 0xc0b5, 0xc103, 0xc104, 0xc105, 0xc106];
  t.deepEqual(rows.filter((r) => r.tls13).map((r) => r.id).sort((a, b) => a - b), [...tls13Ids].sort((a, b) => a - b));
  for (const row of rows) t.is(row.tls13, row.kex === 'TLS13' && row.auth === 'TLS13', describe(row));
});

test('TLS 1.2-era suites use the SHA-384 PRF exactly when the name ends in SHA384', (t) => {
  for (const row of rows.filter((r) => !r.tls13 && r.kex !== 'GOST')) {
    t.is(row.prfHash, row.name.endsWith('_SHA384') ? 'sha384' : 'sha256', describe(row));
  }
  t.is(cipherSuite(0x1302)?.prfHash, 'sha384');
  t.is(cipherSuite(0x1301)?.prfHash, 'sha256');
  t.is(cipherSuite(0x00c6)?.prfHash, 'sm3');
  t.is(cipherSuite(0xc100)?.prfHash, 'streebog256');
});

interface ParameterVector {
  readonly source: string;
  readonly suite: string;
  readonly [field: string]: unknown;
}

function isParameterVector(value: unknown): value is ParameterVector {
  return typeof value === 'object' && value !== null
    && 'source' in value && typeof value.source === 'string'
    && 'suite' in value && typeof value.suite === 'string';
}

/** The RFC tables' column names and the row fields that hold them. */
const RFC_FIELDS = {
  key_material: 'keyLength',
  expanded_key_material: 'expandedKeyLength',
  effective_key_bits: 'keyBits',
  iv_size: 'fixedIvLength',
  block_size: 'blockSize',
  mac_length: 'macLength',
  fixed_iv_length: 'fixedIvLength',
  record_iv_length: 'recordIvLength',
  tag_length: 'tagLength',
} as const satisfies Record<string, keyof CipherSuiteInfo>;

test('rows match the sizes the RFCs tabulate', (t) => {
  const document: unknown = JSON.parse(readFileSync(new URL('./data/cipher-parameters.json', import.meta.url), 'utf8'));
  const vectors = typeof document === 'object' && document !== null && 'suites' in document && Array.isArray(document.suites)
    ? document.suites.filter(isParameterVector)
    : [];
  t.is(vectors.length, 28);
  const byName = new Map(rows.map((row) => [row.name, row]));
  for (const vector of vectors) {
    const row = byName.get(vector.suite);
    if (row === undefined) {
      t.fail(`${vector.suite} (${vector.source}) has no row`);
      continue;
    }
    for (const [rfcField, rowField] of Object.entries(RFC_FIELDS)) {
      const expected = vector[rfcField];
      if (typeof expected === 'number') t.is(row[rowField], expected, `${vector.suite} ${rfcField} (${vector.source})`);
    }
  }
});

test('the legacy suites old captures carry are described', (t) => {
  const expected: ReadonlyArray<readonly [number, string]> = [
    [0x0003, 'TLS_RSA_EXPORT_WITH_RC4_40_MD5'],
    [0x0006, 'TLS_RSA_EXPORT_WITH_RC2_CBC_40_MD5'],
    [0x0008, 'TLS_RSA_EXPORT_WITH_DES40_CBC_SHA'],
    [0x000b, 'TLS_DH_DSS_EXPORT_WITH_DES40_CBC_SHA'],
    [0x000e, 'TLS_DH_RSA_EXPORT_WITH_DES40_CBC_SHA'],
    [0x0011, 'TLS_DHE_DSS_EXPORT_WITH_DES40_CBC_SHA'],
    [0x0014, 'TLS_DHE_RSA_EXPORT_WITH_DES40_CBC_SHA'],
    [0x0017, 'TLS_DH_anon_EXPORT_WITH_RC4_40_MD5'],
    [0x0019, 'TLS_DH_anon_EXPORT_WITH_DES40_CBC_SHA'],
    [0x0026, 'TLS_KRB5_EXPORT_WITH_DES_CBC_40_SHA'],
    [0x002b, 'TLS_KRB5_EXPORT_WITH_RC4_40_MD5'],
    [0x0060, 'TLS_RSA_EXPORT1024_WITH_RC4_56_MD5'],
    [0x0061, 'TLS_RSA_EXPORT1024_WITH_RC2_CBC_56_MD5'],
    [0x0062, 'TLS_RSA_EXPORT1024_WITH_DES_CBC_SHA'],
    [0x0063, 'TLS_DHE_DSS_EXPORT1024_WITH_DES_CBC_SHA'],
    [0x0064, 'TLS_RSA_EXPORT1024_WITH_RC4_56_SHA'],
    [0x0065, 'TLS_DHE_DSS_EXPORT1024_WITH_RC4_56_SHA'],
    [0x0066, 'TLS_DHE_DSS_WITH_RC4_128_SHA'],
    [0x00ff, 'TLS_EMPTY_RENEGOTIATION_INFO_SCSV'],
    [0x5600, 'TLS_FALLBACK_SCSV'],
    [0xcc13, 'TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256_OLD'],
    [0xcc14, 'TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256_OLD'],
    [0xcc15, 'TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256_OLD'],
  ];
  for (const [id, name] of expected) t.is(cipherSuite(id)?.name, name);
});

test('the draft ChaCha20-Poly1305 suites are not mistaken for RFC 7905 ones', (t) => {
  const draft = cipherSuite(0xcc13);
  const rfc = cipherSuite(0xcca8);
  t.is(draft?.mode, 'other');
  t.is(draft?.fixedIvLength, 0);
  t.is(rfc?.mode, 'poly1305');
  t.is(rfc?.fixedIvLength, 12);
});

test('signalling suites negotiate no cipher', (t) => {
  for (const id of [0x00ff, 0x5600]) {
    const row = cipherSuite(id);
    t.is(row?.cipher, 'NULL');
    t.is(row?.keyLength, 0);
    t.is(row?.macLength, 0);
  }
});

test('suite names print by IANA name, GREASE and unknown values by hex', (t) => {
  expectNames(t, cipherSuiteName, [
    [0x0000, 'TLS_NULL_WITH_NULL_NULL'], [0x002f, 'TLS_RSA_WITH_AES_128_CBC_SHA'],
    [0xc02f, 'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256'], [0x1303, 'TLS_CHACHA20_POLY1305_SHA256'],
    [0x0a0a, 'GREASE (0x0a0a)'], [0xfafa, 'GREASE (0xfafa)'], [0x1234, '0x1234'],
  ]);
  t.is(cipherSuite(0x1234), undefined);
});

test('vendor suites print by name though keyhole cannot describe them', (t) => {
  expectNames(t, cipherSuiteName, [[0xe013, 'ECC_SM4_CBC_SM3'], [0x0081, 'TLS_GOSTR341001_WITH_28147_CNT_IMIT']]);
  t.is(cipherSuite(0xe013), undefined);
});
