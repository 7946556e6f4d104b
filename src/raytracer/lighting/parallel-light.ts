// A light at infinity, ported from PyGmy's `parallellight`.
import { Vec3 } from '../math/vec3.js';
import { blockedFrom } from '../geometry/shape.js';
import type { ShadingContext } from '../shading/context.js';
import type { Light } from './light.js';

// PyGmy's "longish line towards the light": shadows are cast by what lies
// within this distance of the surface.
const SHADOW_REACH = 1000;

/** A light from every point in one direction, like the sun. */
export class ParallelLight implements Light {
  /** The unit direction towards the light. */
  readonly direction: Vec3;
  /** The shadow probe: `direction` scaled to the reach within which shapes cast shadows. */
  readonly probe: Vec3;

  /** `direction` points towards the light and need not be of unit length. */
  constructor(
    direction: Vec3,
    readonly colour: Vec3,
  ) {
    this.direction = direction.normalize();
    this.probe = this.direction.scale(SHADOW_REACH);
  }

  strength({ world, hit }: ShadingContext): number {
    const probe = this.probe;
    if (blockedFrom(world.shapes, hit.shape, hit.position, probe.x, probe.y, probe.z)) return 0;
    return this.direction.dot(hit.normal);
  }

  illuminate(ctx: ShadingContext): Vec3 {
    return this.colour.scale(this.strength(ctx));
  }
}
