// What the tracer needs of an object in the scene.
import type { Vec3 } from '../math/vec3.js';
import type { Segment } from './segment.js';
import type { Shape } from '../scene/model.js';

export type { Hit, Shape } from '../scene/model.js';

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
