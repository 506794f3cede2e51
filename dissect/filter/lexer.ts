/**
 * Tokens of Wireshark's display filter language (wireshark-filter(4), Wireshark 4.0 dfilter
 * scanner): symbols and keyword operators, double-quoted strings with C escapes, and "words"
 * (field names and unquoted literals: numbers, addresses, CIDR blocks, MAC and byte strings).
 * Columns are 1-based so an error can point at the character a user typed.
 */
import { FilterError } from './errors.js';

export type TokenType =
  | 'any_eq' | 'all_ne' | 'all_eq' | 'any_ne' | 'lt' | 'le' | 'gt' | 'ge' | 'contains' | 'matches'
  | 'and' | 'or' | 'xor' | 'not' | 'in'
  | 'lparen' | 'rparen' | 'lbrace' | 'rbrace' | 'comma' | 'range'
  | 'word' | 'string' | 'end';

export interface Token {
  readonly type: TokenType;
  /** The token as written (for a string: its decoded value). */
  readonly text: string;
  readonly column: number;
  /** Characters the token covers in the filter, for underlining it. */
  readonly length: number;
}

/** Longest first, so "!=" is not read as "!" then "=". */
const SYMBOLS: ReadonlyArray<readonly [string, TokenType]> = [
  ['===', 'all_eq'], ['!==', 'any_ne'],
  ['==', 'any_eq'], ['!=', 'all_ne'], ['~=', 'any_ne'], ['<=', 'le'], ['>=', 'ge'],
  ['&&', 'and'], ['||', 'or'], ['^^', 'xor'], ['..', 'range'],
  ['<', 'lt'], ['>', 'gt'], ['!', 'not'], ['~', 'matches'],
  ['(', 'lparen'], [')', 'rparen'], ['{', 'lbrace'], ['}', 'rbrace'], [',', 'comma'],
] as const;

/** Words that are operators, as wireshark-filter(4) spells them. */
const KEYWORDS: ReadonlyMap<string, TokenType> = new Map<string, TokenType>([
  ['eq', 'any_eq'], ['any_eq', 'any_eq'], ['ne', 'all_ne'], ['all_ne', 'all_ne'], ['all_eq', 'all_eq'], ['any_ne', 'any_ne'],
  ['lt', 'lt'], ['le', 'le'], ['gt', 'gt'], ['ge', 'ge'], ['contains', 'contains'], ['matches', 'matches'],
  ['and', 'and'], ['or', 'or'], ['xor', 'xor'], ['not', 'not'], ['in', 'in'],
]);

const WORD_CHAR = /[A-Za-z0-9_\-.:/+]/;

const ESCAPES: ReadonlyMap<string, string> = new Map([['n', '\n'], ['t', '\t'], ['r', '\r'], ['a', '\x07'], ['b', '\b'], ['f', '\f'], ['v', '\v'], ['\\', '\\'], ['"', '"'], ["'", "'"]]);

export function tokenize(filter: string): Token[] {
  const tokens: Token[] = [];
  let at = 0;
  while (at < filter.length) {
    const c = filter.charAt(at);
    if (/\s/.test(c)) {
      at++;
      continue;
    }
    if (c === '"') {
      const read = readString(filter, at);
      tokens.push(read.token);
      at = read.end;
      continue;
    }
    const symbol = SYMBOLS.find(([text]) => filter.startsWith(text, at));
    if (symbol !== undefined) {
      tokens.push({ type: symbol[1], text: symbol[0], column: at + 1, length: symbol[0].length });
      at += symbol[0].length;
      continue;
    }
    if (!WORD_CHAR.test(c)) throw new FilterError(`"${c}" is not allowed here`, at + 1, 1);
    const start = at;
    // A word stops before "..", so "1..5" reads as 1, range, 5.
    while (at < filter.length && WORD_CHAR.test(filter.charAt(at)) && !filter.startsWith('..', at)) at++;
    const text = filter.slice(start, at);
    tokens.push({ type: KEYWORDS.get(text) ?? 'word', text, column: start + 1, length: text.length });
  }
  tokens.push({ type: 'end', text: '', column: filter.length + 1, length: 1 });
  return tokens;
}

function readString(filter: string, start: number): { token: Token; end: number } {
  let value = '';
  let at = start + 1;
  while (at < filter.length) {
    const c = filter.charAt(at);
    if (c === '"') return { token: { type: 'string', text: value, column: start + 1, length: at + 1 - start }, end: at + 1 };
    if (c !== '\\') {
      value += c;
      at++;
      continue;
    }
    const next = filter.charAt(at + 1);
    const escaped = ESCAPES.get(next);
    const hex = /^x([0-9a-fA-F]{1,2})/.exec(filter.slice(at + 1, at + 4));
    const octal = /^[0-7]{1,3}/.exec(filter.slice(at + 1, at + 4));
    if (hex?.[1] !== undefined) {
      value += String.fromCharCode(parseInt(hex[1], 16));
      at += 1 + hex[0].length;
    } else if (octal !== null) {
      value += String.fromCharCode(parseInt(octal[0], 8));
      at += 1 + octal[0].length;
    } else if (escaped !== undefined) {
      value += escaped;
      at += 2;
    } else {
      throw new FilterError(`"\\${next}" is not a known escape sequence`, at + 1, 2);
    }
  }
  throw new FilterError('the string is not closed with a double quote', start + 1, filter.length - start);
}
