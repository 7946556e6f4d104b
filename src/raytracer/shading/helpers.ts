// The shader helpers of PyGmy's `shader` class: direct light, reflection to
// a depth, ambient occlusion and colour bleed by random probes.
import { segment, type Segment } from '../geometry/segment.js';
import { blockedFrom, collectWithin, type Shape } from '../geometry/shape.js';
import type { PixelRng } from '../math/rng.js';
import { Vec3 } from '../math/vec3.js';
import type { ShadingContext } from './context.js';
import type { OcclusionOptions } from './shader.js';

/** The sum of every light's contribution at the hit (PyGmy's base `shade`). */
export function directLight(ctx: ShadingContext): Vec3 {
  let x = 0;
  let y = 0;
  let z = 0;
  const lights = ctx.world.lights;
  for (let i = 0; i < lights.length; i++) {
    const light = lights[i]!;
    // Each light's colour times its strength, summed without a vector per light.
    const k = light.strength(ctx);
    const c = light.colour;
    x += c.x * k;
    y += c.y * k;
    z += c.z * k;
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

// The shapes near a hit, reused by every call to `occlusion` (which never
// runs inside another), so that shading a hit allocates no list.
const near: Shape[] = [];

/**
 * The fraction of random probes of length `distance` from the hit that
 * escape every other shape: 1 in the open, less in creases and under objects.
 */
export function occlusion(ctx: ShadingContext, { samples, distance }: OcclusionOptions): number {
  if (samples <= 0) return 1;
  const { world, hit, rng } = ctx;
  const start = hit.position;
  // Only shapes within reach can block a probe: usually few or none.
  const count = collectWithin(world.shapes, hit.shape, start, distance, near);
  if (count === 0) return 1;
  let occluded = 0;
  for (let i = 0; i < samples; i++) {
    const x = rng.int(-100, 100);
    const y = rng.int(-100, 100);
    const z = rng.int(-100, 100);
    const len = Math.sqrt(x * x + y * y + z * z);
    // As randomDirection(rng).scale(distance), without the garbage.
    const k = len === 0 ? 0 : distance / len;
    if (blockedFrom(near, undefined, start, x * k, y * k, z * k, count)) occluded++;
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
  let x = 0;
  let y = 0;
  let z = 0;
  for (let i = 0; i < samples; i++) {
    const c = colourAlong(ctx, randomDirection(ctx.rng).scale(distance));
    x += c.x;
    y += c.y;
    z += c.z;
  }
  const k = 1 / samples;
  return new Vec3(x * k, y * k, z * k);
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
