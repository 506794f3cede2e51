/**
 * Cross-checks against Wireshark's own tables (`tshark -G values`): every code point Wireshark
 * names, keyhole names the same way, and the few deliberate differences are listed here.
 */
import test from 'ava';
import {
  CIPHER_SUITES, cipherSuite, cipherSuiteName, extensionName, groupName, isGrease, signatureSchemeName,
  versionName,
} from '../../dissect/tls/tables/index.js';
import { hasTshark, wiresharkValues } from './tools.js';

const FIELDS = {
  cipherSuites: 'tls.handshake.ciphersuite',
  extensions: 'tls.handshake.extension.type',
  groups: 'tls.handshake.extensions_supported_group',
  signatureSchemes: 'tls.handshake.sig_hash_alg',
  versions: 'tls.handshake.version',
} as const;

const TSHARK_MISSING = 'skipped: tshark is not installed';
const tables = hasTshark ? await wiresharkValues(Object.values(FIELDS)) : undefined;

/** Wireshark's table for a field, without its "Reserved (GREASE)" rows. */
function wireshark(field: string): ReadonlyMap<number, string> {
  const table = tables?.get(field) ?? new Map<number, string>();
  return new Map([...table].filter(([, name]) => name !== 'Reserved (GREASE)'));
}

/** Code points whose names differ from Wireshark 4.0 on purpose, with the reason. */
const RENAMED_SUITES: Readonly<Record<number, string>> = {
  // Wireshark reuses the RFC 7905 names; ours must stay unique, so BoringSSL's _OLD marks them.
  0xcc13: 'TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256_OLD',
  0xcc14: 'TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256_OLD',
  0xcc15: 'TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256_OLD',
  // Netscape's first FIPS code points; NSS calls them OLDFIPS, Wireshark repeats the new names.
  0xffe0: 'SSL_RSA_OLDFIPS_WITH_3DES_EDE_CBC_SHA',
  0xffe1: 'SSL_RSA_OLDFIPS_WITH_DES_CBC_SHA',
};

/** Suites registered after Wireshark 4.0 was built. */
const NEWER_THAN_WIRESHARK_4_0: readonly number[] = [0x1306, 0x1307];

test('every cipher suite Wireshark names, keyhole names identically', (t) => {
  if (tables === undefined) {
    t.pass(TSHARK_MISSING);
    return;
  }
  const theirs = wireshark(FIELDS.cipherSuites);
  t.true(theirs.size > 400);
  const differences = [...theirs]
    .filter(([id, name]) => cipherSuiteName(id) !== (RENAMED_SUITES[id] ?? name))
    .map(([id, name]) => `0x${id.toString(16)}: ours ${cipherSuiteName(id)}, Wireshark ${name}`);
  t.deepEqual(differences, []);
});

test('every cipher suite keyhole describes, Wireshark knows too, bar documented newcomers', (t) => {
  if (tables === undefined) {
    t.pass(TSHARK_MISSING);
    return;
  }
  const theirs = wireshark(FIELDS.cipherSuites);
  const onlyOurs = [...CIPHER_SUITES.keys()].filter((id) => !theirs.has(id));
  t.deepEqual(onlyOurs.filter((id) => !NEWER_THAN_WIRESHARK_4_0.includes(id)), []);
});

test('the suites keyhole names but does not describe are exactly Wireshark vendor extras', (t) => {
  if (tables === undefined) {
    t.pass(TSHARK_MISSING);
    return;
  }
  const undescribed = [...wireshark(FIELDS.cipherSuites).keys()].filter((id) => cipherSuite(id) === undefined);
  t.deepEqual(undescribed.filter((id) => !(id === 0x1c || id === 0x1d || (id >= 0x80 && id <= 0x83) || id >= 0xe000)), []);
});

test('Wireshark\'s GREASE cipher suites are the ones keyhole treats as GREASE', (t) => {
  if (tables === undefined) {
    t.pass(TSHARK_MISSING);
    return;
  }
  const greased = [...(tables.get(FIELDS.cipherSuites) ?? [])].filter(([, name]) => name === 'Reserved (GREASE)').map(([id]) => id);
  t.is(greased.length, 16);
  for (const id of greased) t.true(isGrease(id), id.toString(16));
});

/** Extension code points IANA lists as reserved, which keyhole names by what they once were. */
const RENAMED_EXTENSIONS: Readonly<Record<number, string>> = {
  34: 'delegated_credential', // RFC 9345 dropped the plural Wireshark 4.0 still uses
  40: 'key_share_old',
  46: 'ticket_early_data_info',
  53: 'connection_id_deprecated',
  17513: 'application_settings_old',
  65445: 'quic_transport_parameters_draft',
};

test('every extension Wireshark names, keyhole names the IANA way', (t) => {
  if (tables === undefined) {
    t.pass(TSHARK_MISSING);
    return;
  }
  const differences = [...wireshark(FIELDS.extensions)]
    .filter(([id, name]) => extensionName(id) !== (RENAMED_EXTENSIONS[id] ?? name))
    .map(([id, name]) => `${id}: ours ${extensionName(id)}, Wireshark ${name}`);
  t.deepEqual(differences, []);
});

test('versions, groups and signature schemes agree with Wireshark where both name them', (t) => {
  if (tables === undefined) {
    t.pass(TSHARK_MISSING);
    return;
  }
  const checks = [
    [FIELDS.versions, versionName],
    [FIELDS.groups, groupName],
    [FIELDS.signatureSchemes, signatureSchemeName],
  ] as const;
  let compared = 0;
  for (const [field, ours] of checks) {
    for (const [id, name] of wireshark(field)) {
      const mine = ours(id);
      // Wireshark 4.0 still names 0x0200-0x0202 after the OQS Frodo experiments IANA has since
      // given to ML-KEM, and names more OQS experiments keyhole leaves as hex.
      const oqsExperiment = mine.startsWith('0x') || mine.startsWith('MLKEM');
      if (oqsExperiment) continue;
      compared++;
      t.is(mine, name, `${field} 0x${id.toString(16)}`);
    }
  }
  t.true(compared > 75, `${compared} names compared`);
});
