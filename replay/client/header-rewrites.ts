/**
 * `--header 'Name: value'` and `--host-header VALUE`: request header fields to add or replace
 * (RFC 9110 5: names compared without case). A replaced field keeps its place and spelling;
 * further lines of the same name go, so the field ends up with exactly the given value.
 */
import type { HttpHeader } from '../../dissect/http/headers.js';

export type HeaderRewrite = HttpHeader;

const FIELD = /^([!#$%&'*+\-.^_`|~0-9A-Za-z]+):[ \t]*(.*?)[ \t]*$/;

/** The rewrite in "Name: value", or undefined when it is not a field line. */
export function parseHeaderRewrite(text: string): HeaderRewrite | undefined {
  const match = FIELD.exec(text);
  if (match === null) return undefined;
  const [, name = '', value = ''] = match;
  return /[\r\n]/.test(value) ? undefined : { name, value };
}

export function rewriteHeaders(headers: readonly HttpHeader[], rewrites: readonly HeaderRewrite[]): HttpHeader[] {
  let result = [...headers];
  for (const rewrite of rewrites) {
    const wanted = rewrite.name.toLowerCase();
    const first = result.findIndex((h) => h.name.toLowerCase() === wanted);
    if (first < 0) {
      result.push(rewrite);
      continue;
    }
    result = result.flatMap((h, index) => (index === first ? [{ name: h.name, value: rewrite.value }] : h.name.toLowerCase() === wanted ? [] : [h]));
  }
  return result;
}
