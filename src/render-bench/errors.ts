// The benchmarks' own failure: a contender that did not render what the
// serial render did.

/** A benchmark could not be measured fairly (code `ERR_BENCH_PIXELS`). */
export class BenchError extends Error {
  readonly code: 'ERR_BENCH_PIXELS';

  constructor(code: BenchError['code'], message: string) {
    super(message);
    this.name = 'BenchError';
    this.code = code;
  }
}

/** Throws a `BenchError` unless `actual` equals `expected` byte for byte. */
export function assertSamePixels(who: string, expected: Uint8Array, actual: Uint8Array): void {
  if (actual.length !== expected.length) {
    throw new BenchError('ERR_BENCH_PIXELS', `${who} rendered ${actual.length} bytes, the serial render ${expected.length}`);
  }
  const at = Buffer.from(actual.buffer, actual.byteOffset, actual.length).compare(Buffer.from(expected.buffer, expected.byteOffset, expected.length));
  if (at === 0) return;
  let first = 0;
  while (actual[first] === expected[first]) first++;
  throw new BenchError('ERR_BENCH_PIXELS', `${who} rendered other pixels than the serial render (first at byte ${first})`);
}
