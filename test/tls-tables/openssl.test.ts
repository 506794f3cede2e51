/**
 * Cross-check of kex/auth/cipher/MAC against the suites this OpenSSL build lists
 * (`openssl ciphers -stdname -V`), translated into OpenSSL's vocabulary.
 */
import test from 'ava';
import { cipherSuite } from '../../dissect/tls/tables/index.js';
import type {
  Authentication, BulkCipher, CipherMode, CipherSuiteInfo, KeyExchange,
} from '../../dissect/tls/tables/index.js';
import { hasOpenssl, openSslCiphers } from './tools.js';

/**
 * OpenSSL's Kx= names; it folds ephemeral and anonymous DH into "DH"/"ECDH" (OpenSSL 3 lists no
 * static-DH suites, so those have no entry and would fail the check if one appeared).
 */
const OPENSSL_KX: Partial<Record<KeyExchange, string>> = {
  RSA: 'RSA', DHE: 'DH', DH_anon: 'DH', ECDHE: 'ECDH', ECDH_anon: 'ECDH',
  PSK: 'PSK', DHE_PSK: 'DHEPSK', RSA_PSK: 'RSAPSK', ECDHE_PSK: 'ECDHEPSK', SRP: 'SRP', TLS13: 'any',
};

const OPENSSL_AU: Partial<Record<Authentication, string>> = {
  RSA: 'RSA', DSS: 'DSS', ECDSA: 'ECDSA', anon: 'None', PSK: 'PSK', SHA: 'SRP', TLS13: 'any',
};

const OPENSSL_CIPHER: Partial<Record<BulkCipher, string>> = {
  AES: 'AES', ARIA: 'ARIA', CAMELLIA: 'Camellia', CHACHA20: 'CHACHA20', '3DES': '3DES', DES: 'DES',
  IDEA: 'IDEA', SEED: 'SEED', RC4: 'RC4', RC2: 'RC2',
};

const OPENSSL_MODE: Partial<Record<CipherMode, string>> = {
  cbc: '', stream: '', gcm: 'GCM', ccm: 'CCM', ccm8: 'CCM8', poly1305: '/POLY1305',
};

function openSslEnc(row: CipherSuiteInfo): string | undefined {
  if (row.cipher === 'NULL') return 'None';
  const cipher = OPENSSL_CIPHER[row.cipher];
  const mode = OPENSSL_MODE[row.mode];
  return cipher === undefined || mode === undefined ? undefined : `${cipher}${mode}(${row.keyBits})`;
}

test('kex, auth, cipher and MAC agree with every suite OpenSSL lists', (t) => {
  if (!hasOpenssl) {
    t.pass('skipped: openssl is not installed');
    return;
  }
  const listed = openSslCiphers();
  t.true(listed.length > 100);
  for (const suite of listed) {
    const row = cipherSuite(suite.id);
    const where = `${suite.name} (0x${suite.id.toString(16)})`;
    if (row === undefined) {
      t.fail(`${where} has no row`);
      continue;
    }
    t.is(row.name, suite.name, where);
    t.is(OPENSSL_KX[row.kex], suite.kx, where);
    t.is(OPENSSL_AU[row.auth], suite.au, where);
    t.is(openSslEnc(row), suite.enc, where);
    t.is<string, string>(row.mac, suite.mac, where);
  }
});
