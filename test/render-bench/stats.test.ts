import { describe, expect, test } from 'vitest';
import { median, summarize } from '../../src/render-bench/stats.js';

describe('stats', () => {
  test.each([
    [[3], 3],
    [[5, 1, 3], 3],
    [[4, 1, 3, 2], 2.5],
  ])('median(%j) is %d', (samples, expected) => {
    expect(median(samples)).toBe(expected);
  });

  test('summarize gives the extremes and the spread relative to the median', () => {
    expect(summarize([2, 1, 1.5])).toEqual({ median: 1.5, min: 1, max: 2, spread: 1 / 1.5, count: 3 });
  });

  test('median of nothing is a RangeError', () => {
    expect(() => median([])).toThrow(RangeError);
  });
});
