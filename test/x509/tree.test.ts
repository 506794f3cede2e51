import test from 'ava';
import { readFileSync } from 'node:fs';
import { decodeCertificate } from '../../dissect/tls/x509/certificate.js';
import { certificateTree } from '../../dissect/tls/x509/tree.js';
import type { CertificateInfo } from '../../dissect/tls/x509/types.js';
import type { TreeNode } from '../../dissect/tree.js';
import { repoPath } from '../helpers/shared.js';
import { fixtures, OPENSSL_MISSING, opensslAvailable } from './openssl-fixtures.js';

function decode(der: Uint8Array): CertificateInfo {
  const result = decodeCertificate(der);
  if (result.kind !== 'ok') throw new Error('the certificate did not decode');
  return result.value;
}

function child(nodes: readonly TreeNode[] | undefined, label: string): TreeNode {
  const found = nodes?.find((node) => node.label === label);
  if (found === undefined) throw new Error(`no "${label}" node`);
  return found;
}

const EXAMPLE_ORG = decode(new Uint8Array(readFileSync(repoPath('test/x509/data/tls12-dsb.0.der'))));

test('the tree lists the certificate fields in openssl -text order with its labels', (t) => {
  const tree = certificateTree(EXAMPLE_ORG);
  t.deepEqual(tree.map((node) => node.label), [
    'Version', 'Serial Number', 'Signature Algorithm', 'Issuer', 'Validity', 'Subject', 'Subject Public Key Info',
    'X509v3 extensions', 'Signature Algorithm', 'Signature Value', 'Fingerprints',
  ]);
  t.is(child(tree, 'Version').value, '3 (0x2)');
  t.is(child(tree, 'Serial Number').value, '0e:64:c5:fb:c2:36:ad:e1:4b:17:2a:eb:41:c7:8c:b0');
  t.is(child(tree, 'Subject').value, EXAMPLE_ORG.subject.rfc4514);
  t.deepEqual(child(tree, 'Subject').children?.map((node) => `${node.label}=${node.value ?? ''}`).at(-1), 'CN=www.example.org');
  const key = child(tree, 'Subject Public Key Info').children;
  t.is(child(key, 'Public-Key').value, '2048 bit');
  t.is(child(key, 'Exponent').value, '65537 (0x10001)');
});

test('extensions appear under their openssl headings with critical flags and decoded children', (t) => {
  const extensions = child(certificateTree(EXAMPLE_ORG), 'X509v3 extensions');
  t.is(extensions.value, '9');
  t.is(child(extensions.children, 'X509v3 Key Usage').value, 'critical');
  t.deepEqual(child(extensions.children, 'X509v3 Key Usage').children, [{ label: 'Usages', value: 'Digital Signature, Key Encipherment' }]);
  t.deepEqual(child(extensions.children, 'X509v3 Subject Alternative Name').children?.slice(0, 2), [
    { label: 'DNS', value: 'www.example.org' }, { label: 'DNS', value: 'example.com' },
  ]);
  t.deepEqual(child(extensions.children, 'Authority Information Access').children, [
    { label: 'OCSP', value: 'URI:http://ocsp.digicert.com' },
    { label: 'CA Issuers', value: 'URI:http://cacerts.digicert.com/DigiCertSHA2HighAssuranceServerCA.crt' },
  ]);
  const policies = child(extensions.children, 'X509v3 Certificate Policies').children;
  t.deepEqual(policies?.map((node) => node.value), ['2.16.840.1.114412.1.1', '2.23.140.1.2.2 (organization-validated)']);
  t.deepEqual(policies?.[0]?.children, [{ label: 'CPS', value: 'https://www.digicert.com/CPS' }]);
});

test('signed certificate timestamps, unknown extensions and PSS parameters have nodes of their own', (t) => {
  if (!opensslAvailable) {
    t.log(OPENSSL_MISSING);
    t.pass();
    return;
  }
  const made = fixtures();
  const extensions = child(certificateTree(decode(made.leaf.der)), 'X509v3 extensions').children;
  const scts = child(extensions, 'CT Precertificate SCTs').children;
  t.is(scts?.length, 2);
  t.deepEqual(scts?.[0]?.children?.map((node) => node.label), ['Version', 'Log ID', 'Timestamp', 'Extensions', 'Signature', 'Signature Value']);
  t.is(child(scts?.[0]?.children, 'Timestamp').value, '2020-01-01T00:00:00.123Z');
  const unknown = child(extensions, 'Extension 1.2.3.4.5.6.7.8');
  t.is(unknown.value, 'critical');
  t.deepEqual(unknown.children?.map((node) => node.label), ['Value']);
  const pss = child(certificateTree(decode(made.pss.der)), 'Signature Algorithm');
  t.deepEqual(pss.children, [
    { label: 'Hash Algorithm', value: 'sha256' }, { label: 'Mask Algorithm', value: 'mgf1 with sha256' }, { label: 'Salt Length', value: '32' },
  ]);
});
