// What a shape needs of its shader.
import type { Vec3 } from '../math/vec3.js';
import type { ShadingContext } from './context.js';

/** Colours a hit: returns an RGB colour where 1 is full intensity (values outside [0, 1] are clamped at output). */
export interface Shader {
  shade(ctx: ShadingContext): Vec3;
}

/** Ambient occlusion settings: how many random probes, and how far they reach. */
export interface OcclusionOptions {
  /** Probes per hit; 0 turns occlusion off. */
  readonly samples: number;
  /** The length of each probe. */
  readonly distance: number;
}
