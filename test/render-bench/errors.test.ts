import { describe, expect, test } from 'vitest';
import { assertSamePixels, BenchError } from '../../src/render-bench/errors.js';

describe('assertSamePixels', () => {
  const reference = new Uint8Array([1, 2, 3, 4]);

  test('accepts identical bytes, wherever they are in their buffers', () => {
    const inside = new Uint8Array([9, 1, 2, 3, 4]).subarray(1);
    expect(() => assertSamePixels('pool', reference, inside)).not.toThrow();
  });

  test.each([
    ['another byte', new Uint8Array([1, 2, 0, 4]), /pool rendered other pixels than the serial render \(first at byte 2\)/],
    ['another length', new Uint8Array([1, 2, 3]), /pool rendered 3 bytes, the serial render 4/],
  ])('refuses %s with ERR_BENCH_PIXELS', (_name, actual, message) => {
    let caught: unknown;
    try {
      assertSamePixels('pool', reference, actual);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(BenchError);
    expect(caught).toMatchObject({ code: 'ERR_BENCH_PIXELS', message: expect.stringMatching(message) });
  });
});
