// What the packed tracer keeps while it traces a row: the packed world, the
// hit being shaded at each depth, and scratch space that spares the hot
// loops from allocating (or boxing the numbers they pass).
import { PixelRng } from '../math/rng.js';
import { GEOMETRY_STRIDE, SPHERE, type PackedWorld } from './packed-world.js';

/**
 * Numbers per depth in `TraceState.frames`: the hit's position and normal,
 * then the delta of the segment that found it.
 */
export const FRAME = 9;

/** The packed tracer's working state for one world. */
export interface TraceState {
  readonly w: PackedWorld;
  /** One frame per depth (0 to the world's reflection depth): the hit being shaded there. */
  readonly frames: Float64Array;
  /** The colour a shading function returns, read by its caller at once. */
  readonly rgb: Float64Array;
  /** The segment a shadow or occlusion probe tests (start, delta). */
  readonly seg: Float64Array;
  /** Every shape's index, in order: the shapes a shadow may fall from. */
  readonly all: Int32Array;
  /** The shapes near the hit being occluded. */
  readonly near: Int32Array;
  readonly rng: PixelRng;
  readonly seed: number;
}

/** A fresh state for tracing `w` with up to `depth` bounces. */
export function traceState(w: PackedWorld, depth: number, seed: number): TraceState {
  return {
    w,
    frames: new Float64Array((depth + 1) * FRAME),
    rgb: new Float64Array(3),
    seg: new Float64Array(6),
    all: Int32Array.from({ length: w.shapes }, (_, i) => i),
    near: new Int32Array(w.shapes),
    rng: new PixelRng(),
    seed,
  };
}

/**
 * Records in the frame of `depth` where the segment from (`sx`, `sy`, `sz`)
 * along (`dx`, `dy`, `dz`) meets shape `i` at `t`: `Sphere.hitAt` and
 * `Plane.hitAt`. The segment's delta is the caller's to record.
 */
export function recordHit(st: TraceState, i: number, depth: number, sx: number, sy: number, sz: number, dx: number, dy: number, dz: number, t: number): void {
  const f = st.frames;
  const at = depth * FRAME;
  const g = st.w.geometry;
  const o = i * GEOMETRY_STRIDE;
  const px = sx + dx * t;
  const py = sy + dy * t;
  const pz = sz + dz * t;
  f[at] = px;
  f[at + 1] = py;
  f[at + 2] = pz;
  if (st.w.shapeKind[i] === SPHERE) {
    const k = g[o + 5]!;
    f[at + 3] = (px - g[o]!) * k;
    f[at + 4] = (py - g[o + 1]!) * k;
    f[at + 5] = (pz - g[o + 2]!) * k;
  } else {
    f[at + 3] = g[o]!;
    f[at + 4] = g[o + 1]!;
    f[at + 5] = g[o + 2]!;
  }
}
