// The typed shading context: what PyGmy passed around as the `shaderinfo` dict.
import type { Segment } from '../geometry/segment.js';
import type { Hit } from '../geometry/shape.js';
import type { PixelRng } from '../math/rng.js';
import type { World } from '../scene/world.js';

/** Everything a shader may use to colour one hit. */
export interface ShadingContext {
  /** The shapes and lights of the scene. */
  readonly world: World;
  /** The segment (camera ray, reflection or bleed probe) that found the hit. */
  readonly ray: Segment;
  /** The surface point being shaded, with its shape and normal. */
  readonly hit: Hit;
  /** How many more bounces reflections and colour bleed may take (0: none). */
  readonly depth: number;
  /** The pixel's random stream, for occlusion and bleed samples. */
  readonly rng: PixelRng;
}
