// What a shader needs of a light.
import type { Vec3 } from '../math/vec3.js';
import type { ShadingContext } from '../shading/context.js';

/** A light source: how much of its colour reaches the hit of a shading context. */
export interface Light {
  /**
   * The light's contribution at `ctx.hit`: black when another shape is in
   * the way, else its colour times the cosine between the light direction
   * and the normal. Lit from behind gives a negative contribution, which
   * PyGmy kept (it darkens what faces away), and so does this port.
   */
  illuminate(ctx: ShadingContext): Vec3;
}
