/**
 * AlgorithmIdentifier (RFC 5280 4.1.1.2) with the RSASSA-PSS parameters read out (RFC 4055 3.1),
 * since a PSS signature cannot be checked or explained without them.
 */
import type { AlgorithmIdentifier } from '@peculiar/asn1-x509';
import { DER_TAG, oidText, readChildren, readWhole, smallInteger } from './der.js';
import { HASH_ALGORITHMS, oidName, type OidRow } from './oids.js';
import type { AlgorithmInfo, PssParameters } from './types.js';

const RSASSA_PSS = '1.2.840.113549.1.1.10';

/** RFC 4055 3.1 defaults: SHA-1, MGF1 with SHA-1, 20 bytes of salt. */
const PSS_DEFAULTS: PssParameters = { hash: 'sha1', maskGeneration: 'mgf1 with sha1', saltLength: 20 };

/** The OID of an AlgorithmIdentifier's encoding, and that of its own parameters when nested. */
function algorithmOids(encoding: Uint8Array): string[] {
  const sequence = readWhole(encoding, DER_TAG.sequence);
  const [oid, parameters] = (sequence === undefined ? undefined : readChildren(sequence.content)) ?? [];
  if (oid?.tag !== DER_TAG.oid) return [];
  const name = oidText(oid.content);
  const nested = parameters?.tag === DER_TAG.sequence ? algorithmOids(parameters.encoding) : [];
  return name === undefined ? [] : [name, ...nested];
}

/** Field readers keyed by the context tag of RSASSA-PSS-params ([0] hash, [1] mask, [2] salt). */
const PSS_FIELDS: Readonly<Record<number, (content: Uint8Array, into: PssParameters) => PssParameters>> = {
  0xa0: (content, into) => ({ ...into, hash: oidName(HASH_ALGORITHMS, algorithmOids(content)[0] ?? '') }),
  0xa1: (content, into) => {
    const [mask, hash] = algorithmOids(content);
    return { ...into, maskGeneration: `${oidName(HASH_ALGORITHMS, mask ?? '')} with ${oidName(HASH_ALGORITHMS, hash ?? '')}` };
  },
  0xa2: (content, into) => {
    const integer = readWhole(content, DER_TAG.integer);
    return { ...into, saltLength: (integer === undefined ? undefined : smallInteger(integer.content)) ?? into.saltLength };
  },
};

function pssParameters(encoding: Uint8Array): PssParameters {
  const sequence = readWhole(encoding, DER_TAG.sequence);
  let parameters = PSS_DEFAULTS;
  for (const field of (sequence === undefined ? undefined : readChildren(sequence.content)) ?? []) {
    parameters = PSS_FIELDS[field.tag]?.(field.content, parameters) ?? parameters;
  }
  return parameters;
}

export function algorithmInfo(algorithm: AlgorithmIdentifier, table: Readonly<Record<string, OidRow>>): AlgorithmInfo {
  const oid = algorithm.algorithm;
  const base = { oid, name: oidName(table, oid) };
  const parameters = algorithm.parameters;
  if (oid !== RSASSA_PSS || parameters === undefined || parameters === null) return base;
  return { ...base, pss: pssParameters(new Uint8Array(parameters)) };
}
