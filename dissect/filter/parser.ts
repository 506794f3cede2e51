/**
 * Recursive-descent parser for Wireshark's display filter grammar (Wireshark 4.0 grammar.lemon):
 * "or" binds loosest, then "xor" (a 4.2 addition, kept because it is cheap), then "and", then
 * "not"; a test is a field alone (presence), a comparison, or membership in a set. Set members
 * may be separated by commas (4.0) or white space (4.2 and later).
 */
import type { CompareOp, FilterNode, Operand, SetMember } from './ast.js';
import { FilterError } from './errors.js';
import { tokenize, type Token, type TokenType } from './lexer.js';

const BINARY_LEVELS: ReadonlyArray<'or' | 'xor' | 'and'> = ['or', 'xor', 'and'];

const COMPARE_OPS: ReadonlySet<TokenType> = new Set<CompareOp>(['any_eq', 'all_ne', 'all_eq', 'any_ne', 'lt', 'le', 'gt', 'ge', 'contains', 'matches']);

function isCompareOp(type: TokenType): type is CompareOp {
  return COMPARE_OPS.has(type);
}

/** Parses a filter into its syntax tree; throws FilterError (use compileFilter for a result value). */
export function parseFilterSyntax(filter: string): FilterNode {
  const tokens = tokenize(filter);
  if (tokens.length === 1) throw new FilterError('the filter is empty', 1);
  const parser = new Parser(tokens);
  const tree = parser.expression(0);
  parser.expect('end', 'an operator or the end of the filter');
  return tree;
}

class Parser {
  private at = 0;

  constructor(private readonly tokens: readonly Token[]) {}

  expression(level: number): FilterNode {
    const kind = BINARY_LEVELS[level];
    if (kind === undefined) return this.unary();
    let left = this.expression(level + 1);
    while (this.peek().type === kind) {
      this.at++;
      left = { kind, left, right: this.expression(level + 1) };
    }
    return left;
  }

  expect(type: TokenType, what: string): Token {
    const token = this.peek();
    if (token.type !== type) throw unexpected(token, what);
    this.at++;
    return token;
  }

  private peek(): Token {
    return this.tokens[this.at] ?? this.tokens[this.tokens.length - 1] ?? { type: 'end', text: '', column: 1, length: 1 };
  }

  private next(): Token {
    const token = this.peek();
    this.at++;
    return token;
  }

  private unary(): FilterNode {
    if (this.peek().type === 'not') {
      this.at++;
      return { kind: 'not', operand: this.unary() };
    }
    if (this.peek().type === 'lparen') {
      this.at++;
      const inner = this.expression(0);
      this.expect('rparen', '")"');
      return inner;
    }
    return this.test();
  }

  private test(): FilterNode {
    const left = this.operand('a field name');
    const op = this.peek();
    if (isCompareOp(op.type)) {
      this.at++;
      return { kind: 'compare', op: op.type, left, right: this.operand('a value or field after the operator') };
    }
    if (op.type === 'in') {
      this.at++;
      return { kind: 'in', left, members: this.set() };
    }
    return { kind: 'exists', field: left };
  }

  private operand(what: string): Operand {
    const token = this.next();
    if (token.type !== 'word' && token.type !== 'string') throw unexpected(token, what);
    return { kind: token.type, text: token.text, column: token.column, length: token.length };
  }

  private set(): SetMember[] {
    this.expect('lbrace', '"{"');
    const members: SetMember[] = [];
    while (this.peek().type !== 'rbrace') {
      if (members.length > 0 && this.peek().type === 'comma') this.at++;
      const low = this.operand('a set member');
      if (this.peek().type === 'range') {
        this.at++;
        members.push({ low, high: this.operand('the end of the range') });
      } else {
        members.push({ low });
      }
    }
    if (members.length === 0) throw unexpected(this.peek(), 'a set member');
    this.at++;
    return members;
  }
}

function unexpected(token: Token, what: string): FilterError {
  const found = token.type === 'end' ? 'the end of the filter' : `"${token.type === 'string' ? `"${token.text}"` : token.text}"`;
  return new FilterError(`expected ${what}, found ${found}`, token.column, token.length);
}
