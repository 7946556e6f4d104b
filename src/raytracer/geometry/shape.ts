// What the tracer needs of an object in the scene.
import type { Vec3 } from '../math/vec3.js';
import type { Shader } from '../shading/shader.js';
import type { Segment } from './segment.js';

/** Where a segment meets a shape. */
export interface Hit {
  readonly shape: Shape;
  readonly position: Vec3;
  /** The surface normal at `position` (unit length). */
  readonly normal: Vec3;
}

/** A renderable object: a surface and the shader that colours it. */
export interface Shape {
  readonly shader: Shader;
  /** Where `seg` first meets this shape, or `undefined` when it does not. */
  intersect(seg: Segment): Hit | undefined;
  /**
   * How far along the segment from `start` along (`dx`, `dy`, `dz`) it first
   * meets this shape, in [0, 1], or -1 when it does not: `intersect`
   * without building the hit, for the loops that probe many segments.
   */
  hitT(start: Vec3, dx: number, dy: number, dz: number): number;
  /** The hit at `t` along `seg`, as found by `hitT`. */
  hitAt(seg: Segment, t: number): Hit;
  /** Whether some segment from `point` no longer than `reach` could meet this shape (a cheap, conservative test). */
  within(point: Vec3, reach: number): boolean;
}

/** Whether any shape other than `except` meets `seg`: a shadow or occlusion test. */
export function blocked(shapes: readonly Shape[], except: Shape, seg: Segment): boolean {
  const { start, delta } = seg;
  return blockedFrom(shapes, except, start, delta.x, delta.y, delta.z);
}

/** `blocked` for the segment from `start` along (`dx`, `dy`, `dz`), among the first `count` shapes (default: all). */
export function blockedFrom(
  shapes: readonly Shape[],
  except: Shape | undefined,
  start: Vec3,
  dx: number,
  dy: number,
  dz: number,
  count = shapes.length,
): boolean {
  for (let i = 0; i < count; i++) {
    const shape = shapes[i]!;
    if (shape !== except && shape.hitT(start, dx, dy, dz) >= 0) return true;
  }
  return false;
}

/** The shapes other than `except` that a segment from `point` no longer than `reach` could meet. */
export function shapesWithin(shapes: readonly Shape[], except: Shape, point: Vec3, reach: number): Shape[] {
  const near: Shape[] = [];
  near.length = collectWithin(shapes, except, point, reach, near);
  return near;
}

/**
 * `shapesWithin` written into `out` from index 0, for loops that run once
 * per hit: returns how many were written (entries past that are stale).
 */
export function collectWithin(shapes: readonly Shape[], except: Shape, point: Vec3, reach: number, out: Shape[]): number {
  let count = 0;
  for (let i = 0; i < shapes.length; i++) {
    const shape = shapes[i]!;
    if (shape !== except && shape.within(point, reach)) out[count++] = shape;
  }
  return count;
}
