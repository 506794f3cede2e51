/**
 * The HPACK Huffman code (RFC 7541 5.2, Appendix B). The code is canonical: every symbol's code
 * follows from the code lengths alone (shorter codes first, then by symbol), so only the 257
 * lengths are tabled here and the codes are rebuilt from them.
 */

/** Code length in bits of symbols 0-255, then EOS (256). */
const CODE_LENGTHS = [
  13, 23, 28, 28, 28, 28, 28, 28, 28, 24, 30, 28, 28, 30, 28, 28, 28, 28, 28, 28, 28, 28, 30, 28, 28, 28, 28, 28, 28, 28, 28, 28,
  6, 10, 10, 12, 13, 6, 8, 11, 10, 10, 8, 11, 8, 6, 6, 6, 5, 5, 5, 6, 6, 6, 6, 6, 6, 6, 7, 8, 15, 6, 12, 10,
  13, 6, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 8, 7, 8, 13, 19, 13, 14, 6,
  15, 5, 6, 5, 6, 5, 6, 6, 6, 5, 7, 7, 6, 6, 6, 5, 6, 7, 6, 5, 5, 6, 7, 7, 7, 7, 7, 15, 11, 14, 13, 28,
  20, 22, 20, 20, 22, 22, 22, 23, 22, 23, 23, 23, 23, 23, 24, 23, 24, 24, 22, 23, 24, 23, 23, 23, 23, 21, 22, 23, 22, 23, 23, 24,
  22, 21, 20, 22, 22, 23, 23, 21, 23, 22, 22, 24, 21, 22, 23, 23, 21, 21, 22, 21, 23, 22, 23, 23, 20, 22, 22, 22, 23, 22, 22, 23,
  26, 26, 20, 19, 22, 23, 22, 25, 26, 26, 26, 27, 27, 26, 24, 25, 19, 21, 26, 27, 27, 26, 27, 24, 21, 21, 26, 26, 28, 27, 27, 27,
  20, 24, 20, 21, 22, 21, 21, 23, 22, 22, 25, 25, 24, 24, 26, 23, 26, 27, 26, 26, 27, 27, 27, 27, 27, 28, 27, 27, 27, 27, 27, 26,
  30,
] as const;

export const EOS = 256;
const MAX_LENGTH = 30;

interface CanonicalCode {
  /** Symbols ordered by (code length, symbol). */
  readonly symbols: readonly number[];
  /** Per length: the first code of that length, and where its symbols start in `symbols`. */
  readonly firstCode: readonly number[];
  readonly firstIndex: readonly number[];
  readonly count: readonly number[];
}

function canonical(): CanonicalCode {
  const symbols = CODE_LENGTHS.map((_, symbol) => symbol).sort((a, b) => (CODE_LENGTHS[a] ?? 0) - (CODE_LENGTHS[b] ?? 0) || a - b);
  const count = new Array<number>(MAX_LENGTH + 1).fill(0);
  for (const length of CODE_LENGTHS) count[length] = (count[length] ?? 0) + 1;
  const firstCode = new Array<number>(MAX_LENGTH + 1).fill(0);
  const firstIndex = new Array<number>(MAX_LENGTH + 1).fill(0);
  let code = 0;
  let index = 0;
  for (let length = 1; length <= MAX_LENGTH; length++) {
    firstCode[length] = code;
    firstIndex[length] = index;
    const n = count[length] ?? 0;
    code = (code + n) * 2;
    index += n;
  }
  return { symbols, firstCode, firstIndex, count };
}

const CODE = canonical();

/** The code of a symbol and its length, e.g. for tests against Appendix B. */
export function huffmanCode(symbol: number): { readonly code: number; readonly length: number } {
  const length = CODE_LENGTHS[symbol] ?? 0;
  const rank = CODE.symbols.indexOf(symbol) - (CODE.firstIndex[length] ?? 0);
  return { code: (CODE.firstCode[length] ?? 0) + rank, length };
}

/**
 * Decodes a Huffman-coded string literal. Undefined when it is not valid (RFC 7541 5.2): EOS in
 * the data, or padding longer than 7 bits or not the most significant bits of EOS (all ones).
 */
export function huffmanDecode(input: Uint8Array): Uint8Array | undefined {
  const out: number[] = [];
  let code = 0;
  let length = 0;
  let allOnes = true;
  for (const byte of input) {
    for (let bit = 7; bit >= 0; bit--) {
      const b = (byte >> bit) & 1;
      code = code * 2 + b;
      length++;
      allOnes &&= b === 1;
      const rank = code - (CODE.firstCode[length] ?? 0);
      if (rank >= 0 && rank < (CODE.count[length] ?? 0)) {
        const symbol = CODE.symbols[(CODE.firstIndex[length] ?? 0) + rank] ?? EOS;
        if (symbol === EOS) return undefined;
        out.push(symbol);
        code = 0;
        length = 0;
        allOnes = true;
      } else if (length >= MAX_LENGTH) {
        return undefined;
      }
    }
  }
  if (length > 7 || !allOnes) return undefined;
  return Uint8Array.from(out);
}
