/**
 * The ClientHello/ServerHello values fingerprints are made of, in wire order, with RFC 8701 GREASE
 * values dropped (JA3 and JA4 both ignore them so that GREASE's randomness does not split one
 * client into many fingerprints).
 */
import { findExtension } from '../extensions/block.js';
import type { ExtensionBlock } from '../extensions/types.js';
import type { NamedValue, Vector } from '../messages/fields.js';
import { isGrease } from '../tables/index.js';

function withoutGrease(values: readonly number[]): number[] {
  return values.filter((value) => !isGrease(value));
}

export function listValues(vector: Vector<NamedValue> | undefined): number[] {
  return withoutGrease(vector?.items.map((item) => item.value) ?? []);
}

export function extensionTypes(block: ExtensionBlock | undefined): number[] {
  return withoutGrease(block?.items.map((extension) => extension.type.value) ?? []);
}

/** The values of a list-shaped extension (supported_groups, signature_algorithms, ...); [] when absent. */
export function extensionList(block: ExtensionBlock | undefined, type: number): number[] {
  const body = findExtension(block, type)?.body;
  return body?.kind === 'list' ? listValues(body.values) : [];
}
