/**
 * RC4 (the "arcfour" keystream generator, test vectors in RFC 6229). OpenSSL 3 keeps RC4 in its
 * legacy provider, which node only loads with --openssl-legacy-provider; this is the fallback.
 */
export class Rc4 {
  private readonly state = new Uint8Array(256);
  private i = 0;
  private j = 0;

  constructor(key: Uint8Array) {
    const s = this.state;
    for (let n = 0; n < 256; n++) s[n] = n;
    if (key.length === 0) return;
    for (let n = 0, j = 0; n < 256; n++) {
      const sn = s[n] ?? 0;
      j = (j + sn + (key[n % key.length] ?? 0)) & 0xff;
      s[n] = s[j] ?? 0;
      s[j] = sn;
    }
  }

  /** XORs the next keystream bytes into a copy of `data`; the keystream continues across calls. */
  update(data: Uint8Array): Uint8Array {
    const s = this.state;
    const out = new Uint8Array(data.length);
    let { i, j } = this;
    for (let n = 0; n < data.length; n++) {
      i = (i + 1) & 0xff;
      const si = s[i] ?? 0;
      j = (j + si) & 0xff;
      const sj = s[j] ?? 0;
      s[i] = sj;
      s[j] = si;
      out[n] = (data[n] ?? 0) ^ (s[(si + sj) & 0xff] ?? 0);
    }
    this.i = i;
    this.j = j;
    return out;
  }
}
