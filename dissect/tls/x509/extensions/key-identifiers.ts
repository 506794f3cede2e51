/**
 * authorityKeyIdentifier (RFC 5280 4.2.1.1) and subjectKeyIdentifier (4.2.1.2): how a chain is
 * linked when names alone are ambiguous.
 */
import { AuthorityKeyIdentifier } from '@peculiar/asn1-x509';
import { hex } from '../../../bytes.js';
import { diagnostic } from '../../../diagnostics.js';
import { invalid, ok, type DecodeResult } from '../../../decode-result.js';
import { branch, leaf, type TreeNode } from '../../../tree.js';
import { mapResult, parseAs } from '../asn1.js';
import { DER_TAG, readWhole, unsignedMagnitude } from '../der.js';
import type { ExtensionValue } from '../types.js';
import { generalNameInfos, generalNameNodes } from './general-names.js';
import { colonHex } from '../display.js';

export function decodeSubjectKeyIdentifier(body: Uint8Array): DecodeResult<ExtensionValue<'subjectKeyIdentifier'>> {
  const octets = readWhole(body, DER_TAG.octetString);
  if (octets === undefined) return invalid(diagnostic('x509.extension-malformed', 'subjectKeyIdentifier is not an OCTET STRING'));
  return ok({ type: 'subjectKeyIdentifier', keyIdentifier: hex(octets.content) }, body.length);
}

export function subjectKeyIdentifierTree(value: ExtensionValue<'subjectKeyIdentifier'>): TreeNode[] {
  return [leaf('Key Identifier', colonHex(value.keyIdentifier))];
}

export function decodeAuthorityKeyIdentifier(body: Uint8Array): DecodeResult<ExtensionValue<'authorityKeyIdentifier'>> {
  return mapResult(parseAs(body, AuthorityKeyIdentifier, 'x509.extension-malformed', 'authorityKeyIdentifier'), (aki) => ({
    type: 'authorityKeyIdentifier',
    ...(aki.keyIdentifier === undefined ? {} : { keyIdentifier: hex(new Uint8Array(aki.keyIdentifier.buffer)) }),
    ...(aki.authorityCertIssuer === undefined ? {} : { authorityCertIssuer: generalNameInfos(aki.authorityCertIssuer) }),
    ...(aki.authorityCertSerialNumber === undefined
      ? {}
      : { authorityCertSerialNumber: hex(unsignedMagnitude(new Uint8Array(aki.authorityCertSerialNumber))) }),
  }));
}

export function authorityKeyIdentifierTree(value: ExtensionValue<'authorityKeyIdentifier'>): TreeNode[] {
  return [
    ...(value.keyIdentifier === undefined ? [] : [leaf('Key Identifier', colonHex(value.keyIdentifier))]),
    ...(value.authorityCertIssuer === undefined ? [] : [branch('Authority Cert Issuer', generalNameNodes(value.authorityCertIssuer))]),
    ...(value.authorityCertSerialNumber === undefined ? [] : [leaf('Authority Cert Serial Number', colonHex(value.authorityCertSerialNumber))]),
  ];
}
