import { describe, expect, test } from 'vitest';
import { Plane } from '../../../src/raytracer/geometry/plane.js';
import { segment } from '../../../src/raytracer/geometry/segment.js';
import { Sphere } from '../../../src/raytracer/geometry/sphere.js';
import { Vec3 } from '../../../src/raytracer/math/vec3.js';
import type { Shader } from '../../../src/raytracer/shading/shader.js';

const shader: Shader = { shade: () => Vec3.ZERO };
const v = (x: number, y: number, z: number) => new Vec3(x, y, z);

describe('Sphere', () => {
  const sphere = new Sphere(v(0, 0, 10), 2, shader);

  test('a segment through it hits the near side, with an outward unit normal', () => {
    const hit = sphere.intersect(segment(v(0, 0, 0), v(0, 0, 20)))!;
    expect(hit.shape).toBe(sphere);
    expect(hit.position.toArray()).toEqual([0, 0, 8]);
    expect(hit.normal.toArray()).toEqual([0, 0, -1]);
  });

  test.each([
    ['too short to reach it', segment(v(0, 0, 0), v(0, 0, 7))],
    ['pointing away', segment(v(0, 0, 0), v(0, 0, -20))],
    ['passing beside it', segment(v(3, 0, 0), v(0, 0, 20))],
    ['starting inside it (PyGmy counts only the near root)', segment(v(0, 0, 10), v(0, 0, 20))],
  ])('no hit when %s', (_name, seg) => {
    expect(sphere.intersect(seg)).toBeUndefined();
    expect(sphere.hitT(seg.start, seg.delta.x, seg.delta.y, seg.delta.z)).toBe(-1);
  });

  test('hitT agrees with intersect', () => {
    const seg = segment(v(1, 1, 0), v(0, 0, 40));
    const t = sphere.hitT(seg.start, 0, 0, 40);
    expect(t).toBeGreaterThan(0);
    expect(sphere.hitAt(seg, t)).toEqual(sphere.intersect(seg));
  });

  test('within() never rules out a shape that a short segment can reach', () => {
    expect(sphere.within(v(0, 0, 7.5), 0.6)).toBe(true);
    expect(sphere.within(v(0, 0, 5), 0.5)).toBe(false);
  });
});

describe('Plane', () => {
  const floor = new Plane(v(0, 2, 0), 14, shader); // y = -7, normal rescaled

  test('normal · p + distance = 0, with the normal made unit length', () => {
    expect(floor.normal.toArray()).toEqual([0, 1, 0]);
    expect(floor.distance).toBe(7);
    const hit = floor.intersect(segment(v(0, 0, 0), v(0, -14, 14)))!;
    expect(hit.position.toArray()).toEqual([0, -7, 7]);
    expect(hit.normal).toBe(floor.normal);
  });

  test.each([
    ['parallel to it', segment(v(0, 0, 0), v(0, 0, 100))],
    ['too short', segment(v(0, 0, 0), v(0, -6, 0))],
    ['going up', segment(v(0, 0, 0), v(0, 10, 0))],
  ])('no hit when %s', (_name, seg) => {
    expect(floor.intersect(seg)).toBeUndefined();
  });

  test('a segment ending exactly on it hits (0 ≤ t ≤ 1)', () => {
    expect(floor.intersect(segment(v(0, 0, 0), v(0, -7, 0)))).toBeDefined();
  });
});
