/**
 * The certificate as a detail tree (what `dissect -V` prints and the terminal UI expands), with
 * the field names `openssl x509 -text` and Wireshark's x509af dissector use.
 */
import { branch, leaf, type TreeNode } from '../../tree.js';
import { colonHex } from './display.js';
import { extensionValueTree } from './extensions/renderers.js';
import { CURVES, EXTENSIONS, oidTitle, type CurveRow } from './oids.js';
import type { AlgorithmInfo, CertificateInfo, DistinguishedName, ExtensionInfo, PublicKeyInfo } from './types.js';

function algorithmNode(label: string, algorithm: AlgorithmInfo): TreeNode {
  const value = `${algorithm.name} (${algorithm.oid})`;
  if (algorithm.pss === undefined) return leaf(label, value);
  return branch(label, [
    leaf('Hash Algorithm', algorithm.pss.hash),
    leaf('Mask Algorithm', algorithm.pss.maskGeneration),
    leaf('Salt Length', String(algorithm.pss.saltLength)),
  ], value);
}

function nameNode(label: string, name: DistinguishedName): TreeNode {
  return branch(label, name.attributes.map((attribute) => leaf(attribute.name, attribute.value)), name.rfc4514);
}

function curveTitle(oidOrName: string): string {
  return Object.values<CurveRow>(CURVES).find((curve) => curve.name === oidOrName)?.title ?? oidOrName;
}

function publicKeyNodes(key: PublicKeyInfo): TreeNode[] {
  const exponent = key.rsa?.exponent;
  return [
    algorithmNode('Public Key Algorithm', key.algorithm),
    ...(key.keySize === undefined ? [] : [leaf('Public-Key', `${key.keySize} bit`)]),
    ...(key.curve === undefined ? [] : [leaf('Curve', key.curve === curveTitle(key.curve) ? key.curve : `${key.curve} (${curveTitle(key.curve)})`)]),
    ...(key.rsa === undefined
      ? [leaf('Public Key', colonHex(key.publicKey))]
      : [leaf('Modulus', colonHex(key.rsa.modulus)), leaf('Exponent', typeof exponent === 'number' ? `${exponent} (0x${exponent.toString(16)})` : `0x${String(exponent)}`)]),
    leaf('SPKI SHA-256', key.spkiSha256),
  ];
}

function extensionNode(extension: ExtensionInfo): TreeNode {
  const title = oidTitle(EXTENSIONS, extension.oid);
  const children = [
    ...(extension.value === undefined ? [] : extensionValueTree(extension.value)),
    ...(extension.raw === undefined ? [] : [leaf('Value', colonHex(extension.raw))]),
    ...(extension.diagnostic === undefined ? [] : [leaf('Malformed', extension.diagnostic.message)]),
  ];
  return branch(title === extension.oid ? `Extension ${extension.oid}` : title, children, extension.critical ? 'critical' : undefined);
}

export function certificateTree(info: CertificateInfo): TreeNode[] {
  return [
    leaf('Version', `${info.version} (0x${(info.version - 1).toString(16)})`),
    leaf('Serial Number', colonHex(info.serialNumber)),
    algorithmNode('Signature Algorithm', info.signatureAlgorithm),
    nameNode('Issuer', info.issuer),
    branch('Validity', [leaf('Not Before', info.validity.notBefore), leaf('Not After', info.validity.notAfter)]),
    nameNode('Subject', info.subject),
    branch('Subject Public Key Info', publicKeyNodes(info.subjectPublicKeyInfo)),
    ...(info.issuerUniqueId === undefined ? [] : [leaf('Issuer Unique ID', colonHex(info.issuerUniqueId))]),
    ...(info.subjectUniqueId === undefined ? [] : [leaf('Subject Unique ID', colonHex(info.subjectUniqueId))]),
    ...(info.extensions.length === 0 ? [] : [branch('X509v3 extensions', info.extensions.map(extensionNode), String(info.extensions.length))]),
    algorithmNode('Signature Algorithm', info.signature.algorithm),
    leaf('Signature Value', colonHex(info.signature.value)),
    branch('Fingerprints', [leaf('SHA-1', colonHex(info.fingerprints.sha1)), leaf('SHA-256', colonHex(info.fingerprints.sha256))]),
    ...(info.diagnostics.length === 0 ? [] : [branch('Diagnostics', info.diagnostics.map((d) => leaf(d.code, d.message)))]),
  ];
}
