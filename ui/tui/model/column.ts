/**
 * A growable typed-array column: the UI's indexes keep one number per frame or per record in
 * these instead of an object each, so a million packets cost a few tens of megabytes.
 */
type NumberArray = Float64Array | Uint32Array | Int32Array | Uint16Array | Uint8Array;

export class Column<T extends NumberArray> {
  private data: T;
  private size = 0;

  constructor(
    private readonly make: (capacity: number) => T,
    capacity = 16,
  ) {
    this.data = make(capacity);
  }

  get length(): number {
    return this.size;
  }

  push(value: number): void {
    if (this.size === this.data.length) this.reserve(this.size + 1);
    this.data[this.size++] = value;
  }

  /**
   * Appends a batch (as sent from the indexing thread) in one copy: value by value, a million
   * frames' columns cost the UI thread over a second while keys wait.
   */
  append(values: T): void {
    this.reserve(this.size + values.length);
    this.data.set(values, this.size);
    this.size += values.length;
  }

  /** Grows, doubling, to hold at least `capacity` values. */
  private reserve(capacity: number): void {
    if (capacity <= this.data.length) return;
    let grownLength = Math.max(1, this.data.length) * 2;
    while (grownLength < capacity) grownLength *= 2;
    const grown = this.make(grownLength);
    grown.set(this.data);
    this.data = grown;
  }

  /** The values so far, as an array of their own (to post to another thread). */
  values(): T {
    const out = this.make(this.size);
    out.set(this.data.subarray(0, this.size));
    return out;
  }

  at(index: number): number {
    return this.data[index] ?? 0;
  }

  set(index: number, value: number): void {
    if (index < this.size) this.data[index] = value;
  }

  /** The last value, or `fallback` when the column is empty. */
  last(fallback: number): number {
    return this.size === 0 ? fallback : this.at(this.size - 1);
  }
}

export const float64 = (n: number): Float64Array => new Float64Array(n);
export const uint32 = (n: number): Uint32Array => new Uint32Array(n);
export const int32 = (n: number): Int32Array => new Int32Array(n);
export const uint16 = (n: number): Uint16Array => new Uint16Array(n);
export const uint8 = (n: number): Uint8Array => new Uint8Array(n);
