// The scene's object model: the interfaces the tracer's parts implement and
// pass each other (a shape's shader shades a hit in a context that holds the
// world, whose lights shade in that context too), in one file, since they
// refer to each other.
import type { Camera } from '../camera/camera.js';
import type { Segment } from '../geometry/segment.js';
import type { PixelRng } from '../math/rng.js';
import type { Vec3 } from '../math/vec3.js';

/** Where a segment meets a shape. */
export interface Hit {
  readonly shape: Shape;
  readonly position: Vec3;
  /** The surface normal at `position` (unit length). */
  readonly normal: Vec3;
}

/** A renderable object: a surface and the shader that colours it. */
export interface Shape {
  readonly shader: Shader;
  /** Where `seg` first meets this shape, or `undefined` when it does not. */
  intersect(seg: Segment): Hit | undefined;
  /**
   * How far along the segment from `start` along (`dx`, `dy`, `dz`) it first
   * meets this shape, in [0, 1], or -1 when it does not: `intersect`
   * without building the hit, for the loops that probe many segments.
   */
  hitT(start: Vec3, dx: number, dy: number, dz: number): number;
  /** The hit at `t` along `seg`, as found by `hitT`. */
  hitAt(seg: Segment, t: number): Hit;
  /** Whether some segment from `point` no longer than `reach` could meet this shape (a cheap, conservative test). */
  within(point: Vec3, reach: number): boolean;
}

/** Colours a hit: returns an RGB colour where 1 is full intensity (values outside [0, 1] are clamped at output). */
export interface Shader {
  shade(ctx: ShadingContext): Vec3;
}

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

/** A scene ready to trace (built from a `SceneSpec` by `buildWorld`). */
export interface World {
  readonly width: number;
  readonly height: number;
  /** Seeds every pixel's random stream. */
  readonly seed: number;
  readonly camera: Camera;
  /** The colour of pixels whose ray meets nothing. */
  readonly background: Vec3;
  /** How many bounces camera rays may take through reflections. */
  readonly reflectionDepth: number;
  readonly shapes: readonly Shape[];
  readonly lights: readonly Light[];
}
