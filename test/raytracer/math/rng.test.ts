import { describe, expect, test } from 'vitest';
import { PixelRng } from '../../../src/raytracer/math/rng.js';

function draws(seed: number, x: number, y: number, n = 8): number[] {
  const rng = new PixelRng().reseed(seed, x, y);
  return Array.from({ length: n }, () => rng.next());
}

describe('PixelRng', () => {
  test('a pixel\'s stream depends only on the seed and the pixel', () => {
    const rng = new PixelRng();
    rng.reseed(1, 5, 5);
    rng.next();
    expect(draws(1, 2, 3)).toEqual(draws(1, 2, 3));
    rng.reseed(1, 2, 3);
    expect(Array.from({ length: 8 }, () => rng.next())).toEqual(draws(1, 2, 3));
  });

  test.each([
    ['another x', [1, 3, 3]],
    ['another y', [1, 2, 4]],
    ['another seed', [2, 2, 3]],
    ['swapped x and y', [1, 3, 2]],
  ] as const)('%s gives another stream', (_name, [seed, x, y]) => {
    expect(draws(seed, x, y)).not.toEqual(draws(1, 2, 3));
  });

  test('int(lo, hi) stays in [lo, hi) and covers it, like randrange', () => {
    const rng = new PixelRng().reseed(0, 0, 0);
    const seen = new Set<number>();
    for (let i = 0; i < 20_000; i++) seen.add(rng.int(-100, 100));
    expect(seen.size).toBe(200);
    expect([...seen].every((v) => Number.isInteger(v) && v >= -100 && v < 100)).toBe(true);
  });

  test('next() is roughly uniform', () => {
    const rng = new PixelRng().reseed(42, 1, 1);
    let sum = 0;
    for (let i = 0; i < 10_000; i++) sum += rng.next();
    expect(sum / 10_000).toBeCloseTo(0.5, 1);
  });
});
