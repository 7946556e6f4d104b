// A light at a point, ported from PyGmy's `pointlight`.
import { Vec3 } from '../math/vec3.js';
import { blockedFrom } from '../geometry/shape.js';
import type { ShadingContext } from '../shading/context.js';
import type { Light } from './light.js';

/** A light shining from `position` in all directions, without fall-off. */
export class PointLight implements Light {
  constructor(
    readonly position: Vec3,
    readonly colour: Vec3,
  ) {}

  strength({ world, hit }: ShadingContext): number {
    const p = hit.position;
    const dx = this.position.x - p.x;
    const dy = this.position.y - p.y;
    const dz = this.position.z - p.z;
    if (blockedFrom(world.shapes, hit.shape, p, dx, dy, dz)) return 0;
    const len = Math.sqrt(dx * dx + dy * dy + dz * dz);
    const n = hit.normal;
    return len === 0 ? 0 : (dx * n.x + dy * n.y + dz * n.z) / len;
  }

  illuminate(ctx: ShadingContext): Vec3 {
    return this.colour.scale(this.strength(ctx));
  }
}
