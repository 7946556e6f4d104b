// What a shader needs of a light.
import type { Vec3 } from '../math/vec3.js';
import type { ShadingContext } from '../shading/context.js';

/** A light source: how much of its colour reaches the hit of a shading context. */
export interface Light {
  /** The light's colour at full strength. */
  readonly colour: Vec3;
  /**
   * How much of `colour` reaches `ctx.hit`: 0 when another shape is in the
   * way, else the cosine between the light direction and the normal. Lit
   * from behind gives a negative strength, which PyGmy kept (it darkens what
   * faces away), and so does this port. A number rather than a colour, so
   * that summing the lights of a hit allocates nothing.
   */
  strength(ctx: ShadingContext): number;
  /** The light's contribution at `ctx.hit`: `colour` scaled by `strength(ctx)`. */
  illuminate(ctx: ShadingContext): Vec3;
}
