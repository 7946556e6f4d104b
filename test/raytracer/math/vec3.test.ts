import { describe, expect, test } from 'vitest';
import { Vec3 } from '../../../src/raytracer/math/vec3.js';

describe('Vec3', () => {
  const a = new Vec3(1, 2, 3);
  const b = new Vec3(-2, 0.5, 4);

  test.each([
    ['add', a.add(b), [-1, 2.5, 7]],
    ['sub', a.sub(b), [3, 1.5, -1]],
    ['scale', a.scale(2), [2, 4, 6]],
    ['mul', a.mul(b), [-2, 1, 12]],
    ['neg', a.neg(), [-1, -2, -3]],
    ['cross', new Vec3(1, 0, 0).cross(new Vec3(0, 1, 0)), [0, 0, 1]],
    ['reflect', new Vec3(1, -1, 0).reflect(new Vec3(0, 1, 0)), [1, 1, 0]],
  ])('%s', (_name, result, expected) => {
    expect(result.toArray()).toEqual(expected);
  });

  test('dot, length and normalize', () => {
    expect(a.dot(b)).toBe(11);
    expect(new Vec3(3, 4, 0).length()).toBe(5);
    expect(new Vec3(0, 0, 9).normalize().toArray()).toEqual([0, 0, 1]);
  });

  test('the zero vector normalizes to itself, as in PyGmy', () => {
    expect(Vec3.ZERO.normalize()).toBe(Vec3.ZERO);
  });

  test('is immutable', () => {
    a.add(b);
    expect(a.toArray()).toEqual([1, 2, 3]);
  });
});
