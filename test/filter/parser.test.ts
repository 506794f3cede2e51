/**
 * The display filter language: precedence, every operator with Wireshark 4.0's multi-value
 * semantics, literals of every type, and errors with their exact column.
 */
import test from 'ava';
import { compileFilter, FilterError, formatFilterError, FrameValues, type FieldValue } from '../../dissect/filter/index.js';
import { parseFilterSyntax } from '../../dissect/filter/parser.js';

/** Evaluates a filter on one frame described as field -> values. */
function evaluate(filter: string, fields: Record<string, readonly FieldValue[]>): boolean {
  const compiled = compileFilter(filter);
  if (!compiled.ok) throw new Error(formatFilterError(filter, compiled.error).join('\n'));
  const values = new FrameValues();
  for (const [name, list] of Object.entries(fields)) for (const value of list) values.add(name, value);
  return compiled.filter.test(values.lookup);
}

function errorOf(filter: string): FilterError {
  const compiled = compileFilter(filter);
  if (compiled.ok) throw new Error(`${filter} compiled`);
  return compiled.error;
}

test('"and" binds tighter than "or", as tshark 4.0 reads frame 1 of a three-way test', (t) => {
  const tree = parseFilterSyntax('frame.number == 1 or frame.number == 2 and frame.number == 3');
  t.is(tree.kind, 'or');
  t.is(tree.kind === 'or' ? tree.right.kind : '', 'and');
  t.true(evaluate('frame.number == 1 or frame.number == 2 and frame.number == 3', { 'frame.number': [1] }));
  t.false(evaluate('(frame.number == 1 or frame.number == 2) and frame.number == 3', { 'frame.number': [1] }));
});

test('"not" binds tighter than "and"', (t) => {
  t.true(evaluate('not frame.number == 1 and frame.number == 2', { 'frame.number': [2] }));
  t.true(evaluate('!frame.number == 1 && frame.number == 2', { 'frame.number': [2] }));
  t.false(evaluate('not (frame.number == 2 and frame.number == 2)', { 'frame.number': [2] }));
});

test('"xor" sits between "or" and "and" and is true when exactly one side is', (t) => {
  const tree = parseFilterSyntax('tcp or tls xor ip and eth');
  t.is(tree.kind, 'or');
  t.is(tree.kind === 'or' ? tree.right.kind : '', 'xor');
  t.true(evaluate('tcp ^^ tls', { tcp: [1] }));
  t.false(evaluate('tcp xor tls', { tcp: [1], tls: [1] }));
});

test('symbolic and word operators are the same operators', (t) => {
  const pairs: ReadonlyArray<readonly [string, string]> = [
    ['tcp.port == 443', 'tcp.port eq 443'],
    ['tcp.port != 443', 'tcp.port ne 443'],
    ['tcp.port < 443', 'tcp.port lt 443'],
    ['tcp.port <= 443', 'tcp.port le 443'],
    ['tcp.port > 443', 'tcp.port gt 443'],
    ['tcp.port >= 443', 'tcp.port ge 443'],
    ['tcp && tls', 'tcp and tls'],
    ['tcp || tls', 'tcp or tls'],
    ['!tls', 'not tls'],
  ];
  const frames = [{ 'tcp.port': [443, 50000], tcp: [1] }, { 'tcp.port': [80, 443], tls: [1] }, { 'tcp.port': [22] }];
  for (const [symbol, word] of pairs) {
    t.deepEqual(frames.map((f) => evaluate(symbol, f)), frames.map((f) => evaluate(word, f)), `${symbol} / ${word}`);
  }
});

// A frame like tls12-dsb.pcapng's frame 11: ServerHello, Certificate, ServerKeyExchange, ServerHelloDone.
const SERVER_FLIGHT = { 'tls.handshake.type': [2, 11, 12, 14] };

test('== is true when any value equals; != only when the field is there and no value equals', (t) => {
  t.true(evaluate('tls.handshake.type == 11', SERVER_FLIGHT));
  t.false(evaluate('tls.handshake.type != 11', SERVER_FLIGHT));
  t.true(evaluate('tls.handshake.type != 1', SERVER_FLIGHT));
  t.false(evaluate('tls.handshake.type != 1', {}));
  t.true(evaluate('tls.handshake.type all_ne 1', SERVER_FLIGHT));
});

test('=== needs every value to equal; !== and ~= need one value to differ', (t) => {
  t.false(evaluate('tls.handshake.type === 11', SERVER_FLIGHT));
  t.true(evaluate('tls.handshake.type === 20', { 'tls.handshake.type': [20, 20] }));
  t.true(evaluate('tls.handshake.type !== 11', SERVER_FLIGHT));
  t.true(evaluate('tls.handshake.type ~= 2', SERVER_FLIGHT));
  t.false(evaluate('tls.handshake.type any_ne 20', { 'tls.handshake.type': [20] }));
  t.true(evaluate('tls.handshake.type all_eq 20', { 'tls.handshake.type': [20] }));
});

test('ordering operators hold when any value satisfies them', (t) => {
  t.true(evaluate('tls.handshake.type > 13', SERVER_FLIGHT));
  t.true(evaluate('tls.handshake.type < 3', SERVER_FLIGHT));
  t.false(evaluate('tls.handshake.type >= 15', SERVER_FLIGHT));
  t.true(evaluate('tls.handshake.type <= 2', SERVER_FLIGHT));
  t.true(evaluate('ip.src > 10.0.0.1', { 'ip.src': [Uint8Array.of(10, 0, 0, 2)] }));
  t.true(evaluate('tls.handshake.extensions_server_name < "b"', { 'tls.handshake.extensions_server_name': ['a.example'] }));
});

test('in takes single members and inclusive ranges, separated by commas or white space', (t) => {
  t.true(evaluate('tcp.port in {80, 443}', { 'tcp.port': [443, 50000] }));
  t.true(evaluate('tcp.port in {80 443}', { 'tcp.port': [443] }));
  t.true(evaluate('tcp.port in {1..443}', { 'tcp.port': [443] }));
  t.false(evaluate('tcp.port in {444..500, 80}', { 'tcp.port': [443] }));
  t.true(evaluate('ip.addr in {10.0.0.0/8, 192.168.1.1}', { 'ip.addr': [Uint8Array.of(10, 1, 2, 3)] }));
  t.true(evaluate('tls.handshake.extensions_server_name in {"a.example" "b.example"}', { 'tls.handshake.extensions_server_name': ['b.example'] }));
});

test('contains is case-sensitive and matches is a case-insensitive regular expression', (t) => {
  const sni = { 'tls.handshake.extensions_server_name': ['www.Example.net'] };
  t.true(evaluate('tls.handshake.extensions_server_name contains "Example"', sni));
  t.false(evaluate('tls.handshake.extensions_server_name contains "example"', sni));
  t.true(evaluate('tls.handshake.extensions_server_name matches "EXAMPLE\\\\.NET$"', sni));
  t.true(evaluate('tls.handshake.extensions_server_name ~ "^www"', sni));
  t.true(evaluate('eth.src contains 00:1b', { 'eth.src': [Uint8Array.of(0, 0x1b, 0x21, 1, 2, 3)] }));
});

test('a field alone tests presence, and a field may be compared with another field', (t) => {
  t.true(evaluate('tls.handshake', { 'tls.handshake': [1] }));
  t.false(evaluate('tls.handshake', {}));
  t.true(evaluate('tcp.srcport > tcp.dstport', { 'tcp.srcport': [50000], 'tcp.dstport': [443] }));
  t.false(evaluate('tcp.srcport == tcp.dstport', { 'tcp.srcport': [50000], 'tcp.dstport': [443] }));
});

test('IPv4 and IPv6 literals match addresses, with or without a CIDR prefix', (t) => {
  const v4 = { 'ip.addr': [Uint8Array.of(192, 168, 1, 77), Uint8Array.of(93, 184, 216, 34)] };
  t.true(evaluate('ip.addr == 192.168.1.77', v4));
  t.true(evaluate('ip.addr == 192.168.0.0/16', v4));
  t.true(evaluate('ip.addr == 93.184.216.0/21', v4));
  t.false(evaluate('ip.addr == 10.0.0.0/8', v4));
  t.true(evaluate('ip.addr == 0.0.0.0/0', v4));
  const v6 = { 'ipv6.addr': [Uint8Array.of(0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1)] };
  t.true(evaluate('ipv6.addr == 2001:db8::1', v6));
  t.true(evaluate('ipv6.addr == 2001:DB8:0:0:0:0:0:1', v6));
  t.true(evaluate('ipv6.addr == 2001:db8::/32', v6));
  t.false(evaluate('ipv6.addr == ::1', v6));
  t.true(evaluate('ipv6.addr == ::ffff:10.0.0.1', { 'ipv6.addr': [Uint8Array.of(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 10, 0, 0, 1)] }));
});

test('MAC addresses and byte strings accept ":", "-" and "." separators', (t) => {
  const mac = { 'eth.addr': [Uint8Array.of(0x00, 0x1b, 0x21, 0xaa, 0xbb, 0xcc)] };
  t.true(evaluate('eth.addr == 00:1b:21:aa:bb:cc', mac));
  t.true(evaluate('eth.addr == 00-1B-21-AA-BB-CC', mac));
  t.true(evaluate('eth.addr == 001b.21aa.bbcc', mac));
  t.false(evaluate('eth.addr == ff:ff:ff:ff:ff:ff', mac));
});

test('numbers are read in decimal, hex and octal, and flags take 1, 0, True and False', (t) => {
  const suite = { 'tls.handshake.ciphersuite': [0xc02f] };
  t.true(evaluate('tls.handshake.ciphersuite == 49199', suite));
  t.true(evaluate('tls.handshake.ciphersuite == 0xc02f', suite));
  t.true(evaluate('tls.handshake.ciphersuite == 0140057', suite));
  t.true(evaluate('tcp.flags.syn == 1', { 'tcp.flags.syn': [1] }));
  t.true(evaluate('tcp.flags.syn == True', { 'tcp.flags.syn': [1] }));
  t.true(evaluate('tcp.flags.syn == false', { 'tcp.flags.syn': [0] }));
  t.true(evaluate('frame.time_relative > 0.5', { 'frame.time_relative': [0.75] }));
});

test('strings take C escapes: quotes, backslashes, hex and octal bytes', (t) => {
  const sni = (value: string): Record<string, readonly FieldValue[]> => ({ 'tls.handshake.extensions_server_name': [value] });
  t.true(evaluate('tls.handshake.extensions_server_name == "a\\"b"', sni('a"b')));
  t.true(evaluate('tls.handshake.extensions_server_name == "a\\\\b"', sni('a\\b')));
  t.true(evaluate('tls.handshake.extensions_server_name == "\\x41\\102C"', sni('ABC')));
  t.true(evaluate('tls.handshake.extensions_server_name == "tab\\there"', sni('tab\there')));
  t.true(evaluate('http.request.method == GET', { 'http.request.method': ['GET'] }));
});

test('an unknown field is reported at its column with the nearest known name', (t) => {
  const error = errorOf('tcp.port == 443 && tls.handhsake.type == 1');
  t.is(error.column, 20);
  t.is(error.length, 18);
  t.is(error.suggestion, 'tls.handshake.type');
  t.deepEqual(formatFilterError('tcp.port == 443 && tls.handhsake.type == 1', error), [
    '"tls.handhsake.type" is not a valid protocol or protocol field',
    '    tcp.port == 443 && tls.handhsake.type == 1',
    '                       ^~~~~~~~~~~~~~~~~~',
    'Did you mean "tls.handshake.type"?',
  ]);
  t.is(errorOf('ip.sr == 1.2.3.4').suggestion, 'ip.src');
  t.is(errorOf('zzzzzzzz').suggestion, undefined);
});

test('syntax errors point at the token that could not be read', (t) => {
  t.is(errorOf('tcp.port == ').column, 13);
  t.is(errorOf('tcp.port == 443 and').column, 20);
  t.is(errorOf('(tcp.port == 443').column, 17);
  t.is(errorOf('tcp.port == 443)').column, 16);
  t.is(errorOf('tcp.port in {443').column, 17);
  t.is(errorOf('tcp.port in {}').column, 14);
  t.is(errorOf('tcp.port == 443 $ tls').column, 17);
  t.is(errorOf('').message, 'the filter is empty');
  t.is(errorOf('   ').column, 1);
});

test('string errors point at the string or the escape', (t) => {
  const open = errorOf('http.host == "example');
  t.is(open.column, 14);
  t.is(open.message, 'the string is not closed with a double quote');
  const escape = errorOf('http.host matches "a\\.b"');
  t.is(escape.column, 21);
  t.is(escape.length, 2);
});

test('values that do not fit the field are errors at the value', (t) => {
  t.is(errorOf('ip.addr == 300.1.1.1').column, 12);
  t.is(errorOf('ip.addr == 10.0.0.0/33').column, 12);
  t.is(errorOf('tcp.port == "443"').column, 13);
  t.is(errorOf('eth.addr == 00:11:22').column, 13);
  t.is(errorOf('tcp.port in {1..x}').column, 17);
  t.is(errorOf('tcp.port == tcp.strem').suggestion, 'tcp.stream');
});

test('operators that do not apply to a field type are errors', (t) => {
  t.regex(errorOf('tcp.port contains 4').message, /cannot be used with "contains"/);
  t.regex(errorOf('tcp.port matches "4"').message, /cannot be used with "matches"/);
  t.regex(errorOf('tls == 1').message, /cannot be compared/);
  t.regex(errorOf('http.host matches "("').message, /not a valid regular expression/);
  t.regex(errorOf('tcp.port == ip.src').message, /cannot be compared/);
  t.regex(errorOf('http.host in {"a".."b"}').message, /cannot take a range/);
  t.regex(errorOf('"tcp" == 1').message, /expected a field name/);
});

test('every prefix of a filter compiles or returns a FilterError, never throws', (t) => {
  const filters = [
    'ip.addr == 10.0.0.0/8 && !(tls.handshake.type in {1, 2..4}) || tls.handshake.extensions_server_name matches "^a\\x41\\101"',
    'eth.addr == 00:11:22:33:44:55 xor ipv6.addr == fe80::1/64 and http.host contains "x" ^^ tcp.flags.syn === True',
  ];
  let errors = 0;
  for (const filter of filters) {
    for (let end = 0; end <= filter.length; end++) {
      const result = compileFilter(filter.slice(0, end));
      if (!result.ok) {
        errors++;
        t.true(result.error.column >= 1 && result.error.column <= end + 1, filter.slice(0, end));
      }
    }
    t.true(compileFilter(filter).ok);
  }
  t.true(errors > 0);
});

test('a compiled filter lists the fields it reads, so only those are extracted', (t) => {
  const compiled = compileFilter('tcp.srcport > tcp.dstport || (tls && http.host contains "x")');
  if (!compiled.ok) throw compiled.error;
  t.deepEqual([...compiled.filter.fields].sort(), ['http.host', 'tcp.dstport', 'tcp.srcport', 'tls']);
});

test('a lexer error is printed with a caret under the character', (t) => {
  const filter = 'tcp.port == 443 $ tls';
  t.deepEqual(formatFilterError(filter, errorOf(filter)), ['"$" is not allowed here', `    ${filter}`, `    ${' '.repeat(16)}^`]);
});

test('names of JavaScript object properties are plain words, not keywords or values', (t) => {
  t.regex(errorOf('constructor').message, /not a valid protocol or protocol field/);
  t.regex(errorOf('tcp.flags.syn == toString').message, /not a valid bool value/);
  t.true(evaluate('http.host == constructor', { 'http.host': ['constructor'] }));
});
