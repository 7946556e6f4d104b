// The shaders: PyGmy's base shader (direct light), the "everything" and
// "spot" shaders of its scene.py, and a colour-bleed shader built from the
// same helpers. Each takes its parameters once, at construction.
import { Vec3 } from '../math/vec3.js';
import type { ShadingContext } from './context.js';
import { colourBleed, directLight, occlusion, reflection } from './helpers.js';
import type { OcclusionOptions, Shader } from './shader.js';

/** Direct light only, filtered by the surface colour. */
export class DirectShader implements Shader {
  constructor(readonly colour: Vec3) {}

  shade(ctx: ShadingContext): Vec3 {
    return directLight(ctx).mul(this.colour);
  }
}

/** Settings shared by the shaders with ambient occlusion. */
export interface SurfaceOptions {
  /** The surface colour that filters direct light (PyGmy: white). */
  readonly colour: Vec3;
  readonly occlusion: OcclusionOptions;
}

/** Settings of `EverythingShader`. */
export interface EverythingOptions extends SurfaceOptions {
  /** The share of reflection in the mix (PyGmy: 0.5). */
  readonly reflection: number;
}

/** scene.py's "everything": direct light and reflection mixed, the whole darkened by ambient occlusion. */
export class EverythingShader implements Shader {
  constructor(readonly options: EverythingOptions) {}

  shade(ctx: ShadingContext): Vec3 {
    const { colour, reflection: share, occlusion: occ } = this.options;
    return mixScaled(directLight(ctx), colour, reflection(ctx), share, occlusion(ctx, occ));
  }
}

/** Settings of `SpotShader`. */
export interface SpotOptions extends EverythingOptions {
  /** Spots are where `sin(x·scale) + cos(z·scale)` exceeds this (PyGmy: 0.5). */
  readonly threshold: number;
  /** What direct light is multiplied by on a spot (PyGmy: 0.5). */
  readonly darken: number;
  /** The spatial frequency of the pattern (PyGmy: 1). */
  readonly scale: number;
}

/**
 * scene.py's "spot" floor: direct light darkened in a pattern of spots,
 * occluded, plus a clear (unoccluded) reflection.
 */
export class SpotShader implements Shader {
  constructor(readonly options: SpotOptions) {}

  shade(ctx: ShadingContext): Vec3 {
    const { colour, reflection: share, occlusion: occ, threshold, darken, scale } = this.options;
    const { x, z } = ctx.hit.position;
    const light = directLight(ctx);
    let dx = light.x * colour.x;
    let dy = light.y * colour.y;
    let dz = light.z * colour.z;
    if (Math.sin(x * scale) + Math.cos(z * scale) > threshold) {
      dx *= darken;
      dy *= darken;
      dz *= darken;
    }
    // In this order: the reflection's samples come before the occlusion's.
    const mirrored = reflection(ctx);
    const k = (1 - share) * occlusion(ctx, occ);
    return new Vec3(mirrored.x * share + dx * k, mirrored.y * share + dy * k, mirrored.z * share + dz * k);
  }
}

/** Settings of `BleedShader`. */
export interface BleedOptions extends SurfaceOptions {
  /** The share of bled colour in the mix. */
  readonly amount: number;
  /** The random probes that gather colour from nearby surfaces. */
  readonly bleed: OcclusionOptions;
}

/** Direct light mixed with colour bled from nearby surfaces (PyGmy's `docolourbleed`), darkened by occlusion. */
export class BleedShader implements Shader {
  constructor(readonly options: BleedOptions) {}

  shade(ctx: ShadingContext): Vec3 {
    const { colour, amount, bleed, occlusion: occ } = this.options;
    return mixScaled(directLight(ctx), colour, colourBleed(ctx, bleed), amount, occlusion(ctx, occ));
  }
}

// `light` filtered by `colour`, blended with `share` of `other`, the whole
// scaled by `k`: `light.mul(colour).scale(1 - share).add(other.scale(share)).scale(k)`
// with the same arithmetic in the same order, and no intermediate vectors.
function mixScaled(light: Vec3, colour: Vec3, other: Vec3, share: number, k: number): Vec3 {
  const keep = 1 - share;
  return new Vec3(
    (light.x * colour.x * keep + other.x * share) * k,
    (light.y * colour.y * keep + other.y * share) * k,
    (light.z * colour.z * keep + other.z * share) * k,
  );
}
