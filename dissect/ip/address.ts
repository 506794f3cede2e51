/** IP addresses as text: dotted quad, RFC 5952 IPv6 (longest zero run compressed, lower case). */

export function formatIpv4(b: Uint8Array, at: number): string {
  return `${b[at] ?? 0}.${b[at + 1] ?? 0}.${b[at + 2] ?? 0}.${b[at + 3] ?? 0}`;
}

export function formatIpv6(b: Uint8Array, at: number): string {
  const words: number[] = [];
  for (let i = 0; i < 8; i++) words.push(((b[at + 2 * i] ?? 0) << 8) | (b[at + 2 * i + 1] ?? 0));
  let bestStart = -1;
  let bestLength = 0;
  for (let i = 0; i < 8; ) {
    if (words[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && words[j] === 0) j++;
    if (j - i > bestLength && j - i >= 2) {
      bestStart = i;
      bestLength = j - i;
    }
    i = j;
  }
  const hexWords = words.map((w) => w.toString(16));
  if (bestStart < 0) return hexWords.join(':');
  const head = hexWords.slice(0, bestStart).join(':');
  const tail = hexWords.slice(bestStart + bestLength).join(':');
  return `${head}::${tail}`;
}

export function formatAddress(b: Uint8Array, at: number, length: 4 | 16): string {
  return length === 4 ? formatIpv4(b, at) : formatIpv6(b, at);
}

/** "ip:port", with IPv6 in brackets as URLs and Wireshark's conversation tables write it. */
export function formatEndpoint(address: string, port: number): string {
  return address.includes(':') ? `[${address}]:${port}` : `${address}:${port}`;
}
