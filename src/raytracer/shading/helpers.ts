// The shader helpers of PyGmy's `shader` class: direct light, reflection to
// a depth, ambient occlusion and colour bleed by random probes.
import { segment, type Segment } from '../geometry/segment.js';
import { blockedFrom, shapesWithin } from '../geometry/shape.js';
import type { PixelRng } from '../math/rng.js';
import { Vec3 } from '../math/vec3.js';
import type { ShadingContext } from './context.js';
import type { OcclusionOptions } from './shader.js';

/** The sum of every light's contribution at the hit (PyGmy's base `shade`). */
export function directLight(ctx: ShadingContext): Vec3 {
  let x = 0;
  let y = 0;
  let z = 0;
  for (const light of ctx.world.lights) {
    const c = light.illuminate(ctx);
    x += c.x;
    y += c.y;
    z += c.z;
  }
  return new Vec3(x, y, z);
}

/**
 * The colour seen in the mirror direction, one bounce deeper. As in PyGmy,
 * the reflected segment is as long as the incoming one and the colours of
 * every shape it meets are added, not only the nearest.
 */
export function reflection(ctx: ShadingContext): Vec3 {
  if (ctx.depth <= 0) return Vec3.ZERO;
  return shadeAlong(ctx, segment(ctx.hit.position, ctx.ray.delta.reflect(ctx.hit.normal)));
}

/**
 * The fraction of random probes of length `distance` from the hit that
 * escape every other shape: 1 in the open, less in creases and under objects.
 */
export function occlusion(ctx: ShadingContext, { samples, distance }: OcclusionOptions): number {
  if (samples <= 0) return 1;
  const { world, hit, rng } = ctx;
  const start = hit.position;
  // Only shapes within reach can block a probe: usually few or none.
  const near = shapesWithin(world.shapes, hit.shape, start, distance);
  if (near.length === 0) return 1;
  let occluded = 0;
  for (let i = 0; i < samples; i++) {
    const x = rng.int(-100, 100);
    const y = rng.int(-100, 100);
    const z = rng.int(-100, 100);
    const len = Math.sqrt(x * x + y * y + z * z);
    // As randomDirection(rng).scale(distance), without the garbage.
    const k = len === 0 ? 0 : distance / len;
    if (blockedFrom(near, undefined, start, x * k, y * k, z * k)) occluded++;
  }
  return 1 - occluded / samples;
}

/** The colour gathered along `delta` from the hit, one bounce deeper (PyGmy's `getcolour`). */
export function colourAlong(ctx: ShadingContext, delta: Vec3): Vec3 {
  if (ctx.depth <= 0) return Vec3.ZERO;
  return shadeAlong(ctx, segment(ctx.hit.position, delta));
}

/** The mean colour gathered along random probes of length `distance`: light bled from nearby surfaces. */
export function colourBleed(ctx: ShadingContext, { samples, distance }: OcclusionOptions): Vec3 {
  if (samples <= 0) return Vec3.ZERO;
  let sum = Vec3.ZERO;
  for (let i = 0; i < samples; i++) sum = sum.add(colourAlong(ctx, randomDirection(ctx.rng).scale(distance)));
  return sum.scale(1 / samples);
}

/**
 * A random unit direction, drawn as PyGmy draws it: integer components in
 * [-100, 100), normalised (so not quite uniform over the sphere).
 */
export function randomDirection(rng: PixelRng): Vec3 {
  return new Vec3(rng.int(-100, 100), rng.int(-100, 100), rng.int(-100, 100)).normalize();
}

// Shades every shape (but the one being shaded) that `seg` meets, and adds the colours.
function shadeAlong(ctx: ShadingContext, seg: Segment): Vec3 {
  let x = 0;
  let y = 0;
  let z = 0;
  const from = ctx.hit.shape;
  const { start, delta } = seg;
  for (const shape of ctx.world.shapes) {
    if (shape === from) continue;
    const t = shape.hitT(start, delta.x, delta.y, delta.z);
    if (t < 0) continue;
    const hit = shape.hitAt(seg, t);
    const c = shape.shader.shade({ world: ctx.world, ray: seg, hit, depth: ctx.depth - 1, rng: ctx.rng });
    x += c.x;
    y += c.y;
    z += c.z;
  }
  return new Vec3(x, y, z);
}
