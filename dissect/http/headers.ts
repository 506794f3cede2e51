/**
 * Header fields as they crossed the wire (RFC 9110 5): order and duplicates kept, names compared
 * case-insensitively. Values are Latin-1 text, the way RFC 9110 5.5 lets recipients read octets.
 */

export interface HttpHeader {
  readonly name: string;
  readonly value: string;
}

export function headerValues(headers: readonly HttpHeader[], name: string): string[] {
  const wanted = name.toLowerCase();
  return headers.filter((h) => h.name.toLowerCase() === wanted).map((h) => h.value);
}

/** The field value of every line of `name`, combined as RFC 9110 5.3 allows (a comma list). */
export function headerValue(headers: readonly HttpHeader[], name: string): string | undefined {
  const values = headerValues(headers, name);
  return values.length === 0 ? undefined : values.join(', ');
}

/** The comma-separated members of a list-valued field, lower-cased (Transfer-Encoding, Connection, ...). */
export function headerTokens(headers: readonly HttpHeader[], name: string): string[] {
  return headerValues(headers, name)
    .flatMap((v) => v.split(','))
    .map((t) => t.trim().toLowerCase())
    .filter((t) => t.length > 0);
}

/** The media type without parameters ("text/html"), lower-cased. */
export function mediaType(headers: readonly HttpHeader[]): string | undefined {
  const value = headerValue(headers, 'content-type');
  const type = value?.split(';')[0]?.trim().toLowerCase();
  return type === undefined || type === '' ? undefined : type;
}

export function latin1(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 8192) out += String.fromCharCode(...bytes.subarray(i, i + 8192));
  return out;
}
