/**
 * RFC 6125 6.4 (with 6.4.3 wildcards as browsers apply them) and RFC 2818 3.1: does the leaf
 * certificate name the server the client asked for? DNS names are matched against subjectAltName
 * dNSName entries, falling back to the subject CN only when there are none; IP addresses only
 * against iPAddress entries.
 */
import { isIP } from 'node:net';
import type { CertificateInfo, GeneralNameInfo } from './types.js';

export interface NameMatch {
  readonly pass: boolean;
  readonly reason: string;
}

function dnsLabels(name: string): string[] {
  return name.toLowerCase().replace(/\.$/, '').split('.');
}

/**
 * One reference identifier against one presented identifier. A wildcard must be the whole
 * leftmost label ("*.example.com": partial labels like "f*.example.com" are refused, as browsers
 * do), matches exactly one non-empty label, and needs at least two labels after it.
 */
export function matchesDnsName(pattern: string, host: string): boolean {
  const want = dnsLabels(host);
  const have = dnsLabels(pattern);
  if (want.length !== have.length || want.some((label) => label === '' || label.includes('*'))) return false;
  const [first, ...rest] = have;
  const wildcard = first === '*' && rest.length >= 2;
  if (rest.some((label) => label.includes('*')) || (first?.includes('*') && !wildcard)) return false;
  return have.every((label, index) => (index === 0 && wildcard) || label === want[index]);
}

/**
 * Every character an IPv4 or IPv6 address (zone removed) can have. A host name is turned away on
 * this alone: node's isIP runs a large regular expression that costs ~30 us a call until it warms
 * up, a few ms of every run that checks a chain.
 */
const ADDRESS_CHARACTERS = /^[0-9a-fA-F:.]+$/;

/** RFC 5952 text of an address so that differently written equal addresses compare equal. */
export function canonicalAddress(text: string): string | undefined {
  const address = text.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  if (!ADDRESS_CHARACTERS.test(address)) return undefined;
  const family = isIP(address);
  if (family === 4) return address;
  // The WHATWG URL serializer writes IPv6 hosts in RFC 5952 form.
  return family === 6 ? new URL(`http://[${address}]/`).hostname.slice(1, -1) : undefined;
}

function sanOfType(info: CertificateInfo, type: GeneralNameInfo['type']): string[] {
  return info.extensions.flatMap((extension) =>
    extension.oid === '2.5.29.17' && extension.value?.type === 'generalNames'
      ? extension.value.names.filter((name) => name.type === type).map((name) => name.value)
      : []);
}

function listed(values: readonly string[]): string {
  return `[${values.join(', ')}]`;
}

function matchAddress(info: CertificateInfo, address: string): NameMatch {
  const addresses = sanOfType(info, 'iPAddress');
  const found = addresses.find((candidate) => canonicalAddress(candidate) === address);
  if (found !== undefined) return { pass: true, reason: `address ${address} is in subjectAltName as IP address ${found}` };
  return addresses.length === 0
    ? { pass: false, reason: `address ${address} is not named: the certificate has no subjectAltName IP addresses (a subject CN is not accepted for addresses)` }
    : { pass: false, reason: `address ${address} not in subjectAltName IP addresses ${listed(addresses)}` };
}

function matchHost(info: CertificateInfo, host: string): NameMatch {
  const dnsNames = sanOfType(info, 'dNSName');
  if (dnsNames.length > 0) {
    const found = dnsNames.find((pattern) => matchesDnsName(pattern, host));
    return found === undefined
      ? { pass: false, reason: `name '${host}' not in subjectAltName ${listed(dnsNames)}` }
      : { pass: true, reason: `name '${host}' matches subjectAltName entry '${found}'` };
  }
  const commonName = info.subject.attributes.filter((attribute) => attribute.oid === '2.5.4.3').at(-1)?.value;
  if (commonName === undefined) return { pass: false, reason: `name '${host}' is not named: the certificate has neither subjectAltName DNS names nor a subject CN` };
  return matchesDnsName(commonName, host)
    ? { pass: true, reason: `name '${host}' matches the subject CN '${commonName}' (the certificate has no subjectAltName DNS names)` }
    : { pass: false, reason: `name '${host}' does not match the subject CN '${commonName}', and the certificate has no subjectAltName DNS names` };
}

export function matchServerName(info: CertificateInfo, serverName: string): NameMatch {
  const address = canonicalAddress(serverName);
  return address === undefined ? matchHost(info, serverName) : matchAddress(info, address);
}
