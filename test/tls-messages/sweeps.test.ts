/**
 * Robustness sweeps over a sample of every message type and layout (samples.ts): every truncated
 * prefix of a body, and every length field made to lie, decode without throwing, report a
 * diagnostic, keep the fields that came before the damage, and still print as a tree.
 */
import test from 'ava';
import { hex } from '../../dissect/bytes.js';
import { type DecodedHandshake, type Span, decodeHandshake, handshakeTree } from '../../dissect/tls/messages/index.js';
import { type Sample, allSamples } from './samples.js';

const samples = allSamples();

/** A top-level decoded part (a direct field of the message) with its span and a comparable summary. */
interface Part {
  readonly name: string;
  readonly span: Span;
  readonly summary: string;
  readonly itemSpans: readonly Span[];
}

function isSpan(value: unknown): value is Span {
  return typeof value === 'object' && value !== null && 'start' in value && 'end' in value && typeof value.start === 'number' && typeof value.end === 'number';
}

function spanOf(value: unknown): Span | undefined {
  return typeof value === 'object' && value !== null && 'span' in value && isSpan(value.span) ? value.span : undefined;
}

function summary(value: object): string {
  if ('value' in value) return value.value instanceof Uint8Array ? hex(value.value) : String(value.value);
  return 'items' in value && Array.isArray(value.items) ? `${value.items.length} items` : '';
}

function parts(message: DecodedHandshake): Part[] {
  return Object.entries(message).flatMap(([name, value]): Part[] => {
    const span = spanOf(value);
    if (span === undefined || typeof value !== 'object' || value === null) return [];
    const items: unknown[] = 'items' in value && Array.isArray(value.items) ? value.items : [];
    return [{ name, span, summary: summary(value), itemSpans: items.flatMap((item) => spanOf(item) ?? []) }];
  });
}

/** Parts that lie wholly before `cut` decode the same; of a list the cut runs through, the whole items before it are kept. */
function keptBefore(cut: number, whole: DecodedHandshake, damaged: DecodedHandshake): string[] {
  const after = new Map(parts(damaged).map((part) => [part.name, part]));
  return parts(whole).flatMap((part) => {
    const other = after.get(part.name);
    if (part.span.end <= cut) {
      return other !== undefined && other.span.start === part.span.start && other.span.end === part.span.end && other.summary === part.summary ? [] : [`${part.name} was lost`];
    }
    if (part.span.start >= cut || part.itemSpans.length === 0) return [];
    const wholeItems = part.itemSpans.filter((span) => span.end <= cut);
    const keptItems = other?.itemSpans.filter((span) => wholeItems.some((item) => item.start === span.start && item.end === span.end)) ?? [];
    return keptItems.length === wholeItems.length ? [] : [`${part.name} lost ${wholeItems.length - keptItems.length} whole items`];
  });
}

/** Prefixes that are themselves a complete, valid message of the same type. */
function validPrefixes(message: DecodedHandshake): Set<number> {
  const valid = new Set<number>();
  if ((message.kind === 'client_hello' || message.kind === 'server_hello') && message.extensions !== undefined) valid.add(message.extensions.span.start);
  if (message.kind === 'client_key_exchange' && (message.exchange?.kind === 'dh' || message.exchange?.kind === 'ec') && (message.keyExchange === 'DH' || message.keyExchange === 'ECDH')) valid.add(0);
  // SSL 3.0 sends the encrypted pre-master secret bare: any non-empty prefix is one too.
  if (message.kind === 'client_key_exchange' && message.exchange?.kind === 'rsa' && message.exchange.length === undefined) {
    for (let cut = 1; cut < message.body.length; cut++) valid.add(cut);
  }
  return valid;
}

/** Every length prefix in the decoded message (not inside a decompressed certificate, whose spans are its own). */
function lengthFields(value: unknown, into: Span[] = []): Span[] {
  if (typeof value !== 'object' || value === null || value instanceof Uint8Array) return into;
  for (const [key, child] of Object.entries(value)) {
    if (key === 'decompressed') continue;
    const span = spanOf(child);
    if (key === 'length' && span !== undefined) into.push(span);
    lengthFields(child, into);
  }
  return into;
}

function decodeAndPrint(sample: Sample, body: Uint8Array): DecodedHandshake {
  const message = decodeHandshake(sample.type, body, sample.ctx);
  handshakeTree(message);
  return message;
}

test('the samples cover every handshake type keyhole decodes', (t) => {
  const types = new Set(samples.map((sample) => sample.type));
  t.deepEqual([0, 1, 2, 3, 4, 5, 8, 11, 12, 13, 14, 15, 16, 20, 21, 22, 23, 24, 25, 67, 254].filter((type) => !types.has(type)), []);
  for (const sample of samples) t.deepEqual(decodeHandshake(sample.type, sample.body, sample.ctx).diagnostics, [], sample.name);
});

test('every truncated prefix of every sample decodes with a diagnostic and keeps what came before the cut', (t) => {
  let prefixes = 0;
  for (const sample of samples) {
    const whole = decodeHandshake(sample.type, sample.body, sample.ctx);
    const valid = validPrefixes(whole);
    for (let cut = 0; cut < sample.body.length; cut++) {
      const message = decodeAndPrint(sample, sample.body.subarray(0, cut));
      if (!valid.has(cut) && message.diagnostics.length === 0) t.fail(`${sample.name}: the ${cut}-byte prefix has no diagnostic`);
      const lost = keptBefore(cut, whole, message);
      if (lost.length > 0) t.fail(`${sample.name}: the ${cut}-byte prefix ${lost.join(', ')}`);
      prefixes++;
    }
  }
  t.log(`${samples.length} samples, ${prefixes} prefixes`);
  t.true(prefixes > 1000);
});

for (const [lie, describe] of [[(length: number) => length + 1, 'one more than it is'], [() => Infinity, 'the most it can']] as const) {
  test(`every length field made to claim ${describe} is reported, and the fields before it are kept`, (t) => {
    let lies = 0;
    for (const sample of samples) {
      const whole = decodeHandshake(sample.type, sample.body, sample.ctx);
      for (const span of lengthFields(whole)) {
        const width = span.end - span.start;
        const claimed = Math.min(lie(Number.parseInt(hex(sample.body.subarray(span.start, span.end)), 16)), 2 ** (8 * width) - 1);
        const lying = Uint8Array.from(sample.body);
        for (let i = 0; i < width; i++) lying[span.end - 1 - i] = Math.floor(claimed / 2 ** (8 * i)) & 0xff;
        const message = decodeAndPrint(sample, lying);
        if (message.diagnostics.length === 0) t.fail(`${sample.name}: the length at ${span.start} claiming ${claimed} went unnoticed`);
        const lost = keptBefore(span.start, whole, message);
        if (lost.length > 0) t.fail(`${sample.name}: the length at ${span.start} claiming ${claimed}: ${lost.join(', ')}`);
        lies++;
      }
    }
    t.log(`${lies} lying length fields`);
    t.true(lies > 150);
  });
}
