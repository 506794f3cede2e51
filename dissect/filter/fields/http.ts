/**
 * HTTP fields, named as Wireshark 4.0's http (RFC 9112) and http2 (RFC 9113) dissectors name
 * them. Their values come from whatever parses decrypted application data (dissect/http/), in
 * the shape below, handed to the recorder while the frame that completes the message is read.
 */
import type { HttpMessageFacts } from '../../http/exchange.js';
import type { FieldValue } from '../values.js';
import { presence, type FieldTable } from './spec.js';

export type { HttpMessageFacts };

function headerValues(facts: HttpMessageFacts, name: string): FieldValue[] {
  return facts.headers.filter(([n]) => n.toLowerCase() === name).map(([, v]) => v);
}

function only(protocol: HttpMessageFacts['protocol'], read: (facts: HttpMessageFacts) => readonly FieldValue[]): (facts: HttpMessageFacts) => readonly FieldValue[] {
  return (facts) => (facts.protocol === protocol ? read(facts) : []);
}

export const HTTP_FIELDS = {
  http: presence((f) => f.protocol === 'http'),
  // Booleans in Wireshark 4.0, set only on requests (responses).
  'http.request': { type: 'bool', values: only('http', (f) => (f.request === undefined ? [] : [1])) },
  'http.response': { type: 'bool', values: only('http', (f) => (f.response === undefined ? [] : [1])) },
  'http.request.method': { type: 'string', values: only('http', (f) => (f.request === undefined ? [] : [f.request.method])) },
  'http.request.uri': { type: 'string', values: only('http', (f) => (f.request === undefined ? [] : [f.request.uri])) },
  'http.response.code': { type: 'uint', values: only('http', (f) => (f.response === undefined ? [] : [f.response.code])) },
  'http.host': { type: 'string', values: only('http', (f) => headerValues(f, 'host')) },
  'http.user_agent': { type: 'string', values: only('http', (f) => headerValues(f, 'user-agent')) },
  http2: presence((f) => f.protocol === 'http2'),
  'http2.header.name': { type: 'string', values: only('http2', (f) => f.headers.map(([n]) => n)) },
  'http2.header.value': { type: 'string', values: only('http2', (f) => f.headers.map(([, v]) => v)) },
  'http2.headers.method': { type: 'string', values: only('http2', (f) => headerValues(f, ':method')) },
  'http2.headers.path': { type: 'string', values: only('http2', (f) => headerValues(f, ':path')) },
  'http2.headers.authority': { type: 'string', values: only('http2', (f) => headerValues(f, ':authority')) },
  'http2.headers.status': { type: 'uint', values: only('http2', (f) => headerValues(f, ':status').map(Number)) },
} as const satisfies FieldTable<HttpMessageFacts>;
