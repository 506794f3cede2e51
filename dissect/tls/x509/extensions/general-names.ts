/**
 * RFC 5280 4.2.1.6 GeneralName, as subjectAltName, issuerAltName and the names nested in other
 * extensions carry it. Text forms and labels follow `openssl x509 -text` ("DNS:", "IP Address:").
 */
import { GeneralName, GeneralNames } from '@peculiar/asn1-x509';
import { hex } from '../../../bytes.js';
import { leaf, type TreeNode } from '../../../tree.js';
import type { DecodeResult } from '../../../decode-result.js';
import { encodeAgain, mapResult, parseAs } from '../asn1.js';
import { readTlv } from '../der.js';
import { decodeName } from '../names.js';
import { OTHER_NAME_TYPES, lookupOid } from '../oids.js';
import { decodeString } from '../strings.js';
import type { ExtensionValue, GeneralNameInfo, GeneralNameType } from '../types.js';

type Converter = (name: GeneralName) => Omit<GeneralNameInfo, 'type'> | undefined;

function text(value: string | undefined): Omit<GeneralNameInfo, 'type'> | undefined {
  return value === undefined ? undefined : { value };
}

/** An otherName's value as text when it is a string (UPN, xmppAddr), else hex of its DER. */
function otherName(name: GeneralName): Omit<GeneralNameInfo, 'type'> | undefined {
  if (name.otherName === undefined) return undefined;
  const { typeId, value } = name.otherName;
  const encoded = new Uint8Array(value);
  const tlv = readTlv(encoded);
  const decoded = tlv.kind === 'ok' ? decodeString(tlv.value) : undefined;
  const known = lookupOid(OTHER_NAME_TYPES, typeId);
  const base = { oid: typeId, value: decoded?.text ?? hex(encoded) };
  return known === undefined ? base : { ...base, otherNameType: known.name };
}

function directoryName(name: GeneralName): Omit<GeneralNameInfo, 'type'> | undefined {
  if (name.directoryName === undefined) return undefined;
  const encoded = encodeAgain(name.directoryName);
  const decoded = encoded === undefined ? undefined : decodeName(encoded);
  return { value: decoded?.rfc4514 ?? (encoded === undefined ? '' : hex(encoded)) };
}

/** Every CHOICE alternative with how to read it; the library sets exactly one field. */
const CONVERTERS: { readonly [K in GeneralNameType]: Converter } = {
  otherName,
  rfc822Name: (name) => text(name.rfc822Name),
  dNSName: (name) => text(name.dNSName),
  x400Address: (name) => text(name.x400Address === undefined ? undefined : hex(new Uint8Array(name.x400Address))),
  directoryName,
  ediPartyName: (name) => text(name.ediPartyName?.partyName.toString()),
  uniformResourceIdentifier: (name) => text(name.uniformResourceIdentifier),
  iPAddress: (name) => text(name.iPAddress),
  registeredID: (name) => text(name.registeredID),
};

const GENERAL_NAME_TYPES = Object.keys(CONVERTERS).filter((key): key is GeneralNameType => key in CONVERTERS);

export function generalNameInfo(name: GeneralName): GeneralNameInfo | undefined {
  for (const type of GENERAL_NAME_TYPES) {
    const converted = CONVERTERS[type](name);
    if (converted !== undefined) return { type, ...converted };
  }
  return undefined;
}

export function generalNameInfos(names: readonly GeneralName[]): GeneralNameInfo[] {
  return Array.from(names).flatMap((name) => generalNameInfo(name) ?? []);
}

/** subjectAltName (RFC 5280 4.2.1.6) and issuerAltName (4.2.1.7). */
export function decodeAlternativeNames(body: Uint8Array): DecodeResult<ExtensionValue<'generalNames'>> {
  return mapResult(parseAs(body, GeneralNames, 'x509.extension-malformed', 'the alternative name list'), (names) => ({
    type: 'generalNames',
    names: generalNameInfos(names),
  }));
}

/** The prefixes `openssl x509 -text` prints before each kind of name. */
const GENERAL_NAME_LABELS: { readonly [K in GeneralNameType]: string } = {
  otherName: 'othername',
  rfc822Name: 'email',
  dNSName: 'DNS',
  x400Address: 'X400Name',
  directoryName: 'DirName',
  ediPartyName: 'EdiPartyName',
  uniformResourceIdentifier: 'URI',
  iPAddress: 'IP Address',
  registeredID: 'Registered ID',
};

export function generalNameLabel(name: GeneralNameInfo): string {
  return GENERAL_NAME_LABELS[name.type];
}

/** The value with an otherName's type in front ("UPN:user@example.com"). */
function generalNameValue(name: GeneralNameInfo): string {
  return name.oid === undefined ? name.value : `${name.otherNameType ?? name.oid}:${name.value}`;
}

/** "DNS:example.com", "othername:UPN:user@example.com", as one line. */
export function generalNameText(name: GeneralNameInfo): string {
  return `${generalNameLabel(name)}:${generalNameValue(name)}`;
}

export function generalNameNodes(names: readonly GeneralNameInfo[]): TreeNode[] {
  return names.map((name) => leaf(generalNameLabel(name), generalNameValue(name)));
}

export function generalNamesTree(value: ExtensionValue<'generalNames'>): TreeNode[] {
  return generalNameNodes(value.names);
}
