/**
 * NSS key log text (NSS "Key Log Format"; draft-ietf-tls-keylogfile 3): one "<label> <id hex>
 * <secret hex>" line per secret, '#' comments, blank lines. Read line by line from chunks, so a
 * file can be streamed and each pcapng Decryption Secrets Block fed as it is met. Lines that do
 * not parse become diagnostics (with their 1-based line number) and are skipped. Messages never
 * quote a line's fields: they may be secrets.
 */
import { fromHex } from '../bytes.js';
import { diagnostic } from '../diagnostics.js';
import type { Diagnostic, DiagnosticCode } from '../diagnostics.js';
import { KEYLOG_LABEL_NAMES, describeLengths, labelRow, lengthAllowed } from './keylog-labels.js';
import type { ByteLengths, KeyLogIndex, KeyLogLabel, KeyLogSecretKind } from './keylog-labels.js';

/** Where key log text came from: a key log file, or a Decryption Secrets Block in the capture. */
export interface KeyLogSource {
  readonly origin: 'keylog' | 'dsb';
  /** For messages: the file name, or e.g. "the Decryption Secrets Block after frame 12". */
  readonly name: string;
}

export interface KeyLogEntry {
  readonly label: KeyLogLabel;
  /** Client random, session id or encrypted pre-master prefix, as KEYLOG_LABELS[label].indexedBy says. */
  readonly key: Uint8Array;
  readonly secret: Uint8Array;
  readonly line: number;
  readonly source: KeyLogSource;
}

export interface KeyLogProblem {
  readonly line: number;
  readonly diagnostic: Diagnostic;
}

export interface KeyLogBatch {
  readonly entries: readonly KeyLogEntry[];
  readonly problems: readonly KeyLogProblem[];
}

/**
 * The longest valid line is a PMS_CLIENT_RANDOM with a 1024-byte pre-master (about 2,100
 * characters); a longer one is not buffered, so a binary file given as key log costs no memory.
 */
export const MAX_KEYLOG_LINE = 4096;

const INDEX_WORDS = {
  'client-random': 'client random',
  'session-id': 'session id',
  'encrypted-pre-master-prefix': 'encrypted pre-master prefix',
} as const satisfies Record<KeyLogIndex, string>;

const SECRET_WORDS = {
  'master-secret': 'master secret',
  'pre-master-secret': 'pre-master secret',
  'tls13-secret': 'secret',
} as const satisfies Record<KeyLogSecretKind, string>;

/** Rows by the first word of a line; prefixed forms first, so "RSA Session-ID:" wins over "RSA". */
const ROWS_BY_WORD: ReadonlyMap<string, readonly KeyLogLabel[]> = (() => {
  const byWord = new Map<string, KeyLogLabel[]>();
  for (const label of KEYLOG_LABEL_NAMES) {
    const word = labelRow(label).word;
    const rows = byWord.get(word) ?? [];
    rows.push(label);
    rows.sort((a, b) => Number(labelRow(a).keyPrefix === undefined) - Number(labelRow(b).keyPrefix === undefined));
    byWord.set(word, rows);
  }
  return byWord;
})();

const HEX = /^[0-9a-fA-F]*$/;
const FIELD_SEPARATOR = /[ \t]+/;

/** Incremental parser: push text or bytes in any chunking, then end() for a last unterminated line. */
export class KeyLogParser {
  private pending = '';
  private skippingLongLine = false;
  private lineNumber = 0;
  private readonly decoder = new TextDecoder();

  constructor(readonly source: KeyLogSource) {}

  push(chunk: string | Uint8Array): KeyLogBatch {
    const text = typeof chunk === 'string' ? chunk : this.decoder.decode(chunk, { stream: true });
    const batch = new BatchBuilder(this.source);
    let start = 0;
    for (let newline = text.indexOf('\n'); newline !== -1; newline = text.indexOf('\n', start)) {
      this.completeLine(text.slice(start, newline), batch);
      start = newline + 1;
    }
    this.hold(text.slice(start), batch);
    return batch;
  }

  end(): KeyLogBatch {
    const batch = new BatchBuilder(this.source);
    this.hold(this.decoder.decode(), batch);
    if (this.pending !== '' || this.skippingLongLine) this.completeLine('', batch);
    return batch;
  }

  private completeLine(tail: string, batch: BatchBuilder): void {
    this.lineNumber++;
    const line = this.pending + tail;
    this.pending = '';
    if (this.skippingLongLine) {
      this.skippingLongLine = false;
      return;
    }
    if (line.length > MAX_KEYLOG_LINE) batch.tooLong(this.lineNumber);
    else parseLine(line, this.lineNumber, batch);
  }

  /** Keeps the start of an unfinished line, unless it has already grown past any valid line. */
  private hold(text: string, batch: BatchBuilder): void {
    if (this.skippingLongLine) return;
    this.pending += text;
    if (this.pending.length <= MAX_KEYLOG_LINE) return;
    batch.tooLong(this.lineNumber + 1);
    this.pending = '';
    this.skippingLongLine = true;
  }
}

/** A whole key log text at once. */
export function parseKeyLog(text: string | Uint8Array, source: KeyLogSource): KeyLogBatch {
  const parser = new KeyLogParser(source);
  return joinBatches([parser.push(text), parser.end()]);
}

export function joinBatches(batches: readonly KeyLogBatch[]): KeyLogBatch {
  return { entries: batches.flatMap((batch) => batch.entries), problems: batches.flatMap((batch) => batch.problems) };
}

class BatchBuilder implements KeyLogBatch {
  readonly entries: KeyLogEntry[] = [];
  readonly problems: KeyLogProblem[] = [];

  constructor(readonly source: KeyLogSource) {}

  add(label: KeyLogLabel, key: Uint8Array, secret: Uint8Array, line: number): void {
    this.entries.push({ label, key, secret, line, source: this.source });
  }

  problem(code: DiagnosticCode, line: number, reason: string): void {
    this.problems.push({ line, diagnostic: diagnostic(code, `${this.source.name} line ${line}: ${reason}`) });
  }

  tooLong(line: number): void {
    this.problem('secret.keylog-line-too-long', line, `the line is longer than ${MAX_KEYLOG_LINE} characters`);
  }
}

function parseLine(raw: string, line: number, batch: BatchBuilder): void {
  const text = raw.trim();
  if (text === '' || text.startsWith('#')) return;
  const fields = text.split(FIELD_SEPARATOR);
  const word = fields[0] ?? '';
  const candidates = ROWS_BY_WORD.get(word);
  if (candidates === undefined) {
    batch.problem('secret.keylog-unknown-label', line, `${describeWord(word)} is not a key log label`);
    return;
  }
  // The unprefixed form comes last and takes whatever the prefixed forms do not.
  const label = candidates.find((name) => fields[1]?.startsWith(labelRow(name).keyPrefix ?? '')) ?? candidates[candidates.length - 1];
  if (label === undefined) return;
  const row = labelRow(label);
  const keyWord = INDEX_WORDS[row.indexedBy];
  const secretWord = SECRET_WORDS[row.secret];
  if (fields.length !== 3) {
    batch.problem('secret.keylog-malformed', line, `${label} needs 3 fields (label, ${keyWord}, ${secretWord}) but the line has ${fields.length}`);
    return;
  }
  const secretField = fields[2] ?? '';
  const secretPrefix = row.secretPrefix ?? '';
  if (!secretField.startsWith(secretPrefix)) {
    batch.problem('secret.keylog-malformed', line, `${label} needs the ${secretWord} after "${secretPrefix}"`);
    return;
  }
  const key = decodeField(fields[1]?.slice(row.keyPrefix?.length ?? 0) ?? '', row.keyBytes, label, keyWord, line, batch);
  if (key === undefined) return;
  const secret = decodeField(secretField.slice(secretPrefix.length), row.secretBytes, label, secretWord, line, batch);
  if (secret !== undefined) batch.add(label, key, secret, line);
}

function decodeField(field: string, lengths: ByteLengths, label: KeyLogLabel, name: string, line: number, batch: BatchBuilder): Uint8Array | undefined {
  const bytes = HEX.test(field) ? fromHex(field) : undefined;
  if (bytes === undefined) {
    const why = HEX.test(field) ? 'has an odd number of hex digits' : 'is not hexadecimal';
    batch.problem('secret.keylog-bad-hex', line, `the ${name} of ${label} ${why}`);
    return undefined;
  }
  if (!lengthAllowed(lengths, bytes.length)) {
    batch.problem('secret.keylog-bad-length', line, `the ${name} of ${label} has ${bytes.length} bytes, not ${describeLengths(lengths)}`);
    return undefined;
  }
  return bytes;
}

/** Names an unknown label only when it looks like a word: a bare hex run might be a secret. */
function describeWord(word: string): string {
  return /^[A-Za-z_][A-Za-z0-9_-]{0,39}$/.test(word) && /[g-zG-Z_]/.test(word) ? `"${word}"` : 'the first word';
}
