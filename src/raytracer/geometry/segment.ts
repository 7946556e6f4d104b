// PyGmy's `line`: every ray in the tracer is a segment, from `start` to
// `start + delta`, and only hits with 0 ≤ t ≤ 1 along it count.
import type { Vec3 } from '../math/vec3.js';

/** A line segment from `start` to `start + delta`: camera rays, reflections, shadow and occlusion probes. */
export interface Segment {
  readonly start: Vec3;
  /** The vector from the start to the end; its length bounds how far the segment reaches. */
  readonly delta: Vec3;
}

/** The segment from `start` along `delta`. */
export function segment(start: Vec3, delta: Vec3): Segment {
  return { start, delta };
}
