/**
 * The detail tree (`dissect -V`, the terminal UI): spans stay inside their message and inside
 * their parent node, and the lines keyhole shares with Wireshark read exactly as tshark 4.0 -V
 * prints them for the same capture (skipped when tshark or the captures are absent).
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import test from 'ava';
import { decodeHandshake, handshakeTree } from '../../dissect/tls/messages/index.js';
import type { Span, TreeNode } from '../../dissect/tree.js';
import { SHARED_MISSING, sharedCaptures } from '../helpers/shared.js';
import { allSamples } from './samples.js';
import { bytes, captureVectors, contextOf } from './vectors.js';

const TSHARK = '/usr/bin/tshark';

function spansNest(node: TreeNode, outer: Span, problems: string[], path: string): void {
  const span = node.span ?? outer;
  if (span.start < outer.start || span.end > outer.end || span.start > span.end) problems.push(`${path}/${node.label} [${span.start},${span.end}) outside [${outer.start},${outer.end})`);
  for (const child of node.children ?? []) spansNest(child, span, problems, `${path}/${node.label}`);
}

function lines(node: TreeNode, into: string[] = []): string[] {
  into.push(node.value === undefined ? node.label : `${node.label}: ${node.value}`);
  for (const child of node.children ?? []) lines(child, into);
  return into;
}

test('every node of every sample tree lies inside its message and its parent', (t) => {
  for (const sample of allSamples()) {
    const message = decodeHandshake(sample.type, sample.body, sample.ctx);
    const problems: string[] = [];
    for (const node of handshakeTree(message)) spansNest(node, { start: 0, end: sample.body.length }, problems, sample.name);
    t.deepEqual(problems, [], sample.name);
  }
});

/** Lines keyhole words the way Wireshark does (the rest differ on purpose: ISO dates, "(3)" for one-byte values...). */
const SHARED_LINE = /^(Version|Random|Session ID( Length)?|Cipher Suites? |Cipher Suites Length|Compression Methods? |Compression Methods Length|Extensions Length|Extension: |Server Name( Type| length)?:|Supported Groups? |Supported Groups List Length|EC point formats? |Signature Hash Algorithms|Signature Algorithm:|Supported Versions? |PSK Key Exchange Modes? |ALPN Next Protocol:|Named Curve|Pubkey|Signature( Length)?:|Certificates Length|Certificates \(|Certificate Length|Key Share Entry|Group:|Key Exchange( Length)?:|(EC )?Diffie-Hellman (Server|Client) Params)/;

/** Wireshark names the pre-TLS 1.3 hash/signature pairs its own way ("SHA224 ECDSA"); the tables use IANA's. */
const WIRESHARK_ONLY_NAME = /^Signature Algorithm: SHA\d+ /;

const indentOf = (line: string): number => line.length - line.trimStart().length;

/** The shared lines inside tshark's "Handshake Protocol:" subtrees, indentation removed. */
function tsharkLines(capture: string, options: readonly string[]): Set<string> {
  const text = execFileSync(TSHARK, ['-r', capture, ...options, '-V'], { cwd: sharedCaptures, maxBuffer: 1 << 26, stdio: ['ignore', 'pipe', 'ignore'] }).toString();
  const found = new Set<string>();
  let handshakeIndent: number | undefined;
  for (const line of text.split('\n')) {
    const trimmed = line.trim();
    if (handshakeIndent !== undefined && indentOf(line) <= handshakeIndent) handshakeIndent = undefined;
    if (trimmed.startsWith('Handshake Protocol:')) handshakeIndent = indentOf(line);
    else if (handshakeIndent !== undefined && SHARED_LINE.test(trimmed) && !WIRESHARK_ONLY_NAME.test(trimmed)) found.add(trimmed);
  }
  return found;
}

for (const [name, file, options] of [
  ['illustrated-tls12', 'extra/illustrated-tls12.pcap', []],
  ['illustrated-tls13', 'extra/illustrated-tls13.pcap', ['-o', 'tls.keylog_file:extra/illustrated-tls13.keys']],
  ['tls12-aes128ccm', 'tls12-aes128ccm.pcap', []],
  ['starttls-smtp', 'extra/starttls-smtp.pcapng', []],
] as const) {
  test(`the tree lines keyhole shares with Wireshark match tshark -V for ${name}`, (t) => {
    if (sharedCaptures === undefined || !existsSync(TSHARK)) {
      t.pass(sharedCaptures === undefined ? SHARED_MISSING : 'skipped: tshark is not installed');
      return;
    }
    const theirs = tsharkLines(file, options);
    const ours = new Set(captureVectors(name).messages.flatMap((message) => handshakeTree(decodeHandshake(message.type, bytes(message.body), contextOf(message))).flatMap((node) => lines(node))));
    const missing = [...theirs].filter((line) => !ours.has(line));
    t.deepEqual(missing, []);
    t.true(theirs.size > 10);
  });
}
