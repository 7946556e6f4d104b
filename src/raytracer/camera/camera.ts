// PyGmy's two cameras. Both sit at the origin looking along +z; image x runs
// from +aspect at the left edge to -aspect at the right, and y from +1 at
// the top to -1 at the bottom (PyGmy's convention, kept so scenes match).
import { segment, type Segment } from '../geometry/segment.js';
import { Vec3 } from '../math/vec3.js';

/** Makes the primary segment of each pixel. */
export interface Camera {
  /** Hits at or beyond this depth (z) are not seen: the back plane. */
  readonly backPlane: number;
  /** The segment through pixel (`sx`, `sy`) of a `width` × `height` image. */
  primaryRay(sx: number, sy: number, width: number, height: number): Segment;
  /**
   * `primaryRay` written into `ray`, which the tracer reuses from pixel to
   * pixel: a pixel whose ray meets nothing then allocates nothing.
   */
  aim(sx: number, sy: number, width: number, height: number, ray: PrimaryRay): void;
}

/**
 * A primary segment being traced, reused from pixel to pixel: its start and
 * the components of its delta. `toSegment()` makes the immutable segment
 * that shading needs, once the ray has hit something.
 */
export class PrimaryRay {
  start: Vec3 = Vec3.ZERO;
  dx = 0.5;
  dy = 0.5;
  dz = 0.5;

  /** The segment from `start` along (`dx`, `dy`, `dz`). */
  toSegment(): Segment {
    return segment(this.start, new Vec3(this.dx, this.dy, this.dz));
  }
}

// The point of the image plane at pixel (sx, sy), in [-aspect, aspect] × [-1, 1].
function screenX(sx: number, width: number, height: number): number {
  return 2 * (0.5 - sx / width) * (width / height);
}

function screenY(sy: number, height: number): number {
  return 2 * (0.5 - sy / height);
}

/** Rays from the origin through an image plane at z = `imagePlane`, reaching out to the back plane. */
export class PerspectiveCamera implements Camera {
  /**
   * @param imagePlane The distance of the image plane: larger narrows the field of view (PyGmy: 5).
   * @param backPlane How far rays reach, in multiples of the image-plane point, and the farthest depth seen (PyGmy: 2000).
   */
  constructor(
    readonly imagePlane: number,
    readonly backPlane: number,
  ) {}

  primaryRay(sx: number, sy: number, width: number, height: number): Segment {
    const k = this.backPlane;
    return segment(Vec3.ZERO, new Vec3(screenX(sx, width, height) * k, screenY(sy, height) * k, this.imagePlane * k));
  }

  aim(sx: number, sy: number, width: number, height: number, ray: PrimaryRay): void {
    const k = this.backPlane;
    ray.start = Vec3.ZERO;
    ray.dx = screenX(sx, width, height) * k;
    ray.dy = screenY(sy, height) * k;
    ray.dz = this.imagePlane * k;
  }
}

/** Parallel rays along +z from the plane z = 0. */
export class OrthographicCamera implements Camera {
  /**
   * @param backPlane How far rays reach along z, and the farthest depth seen (PyGmy: 2000).
   * @param scale The half-height of the view in scene units (PyGmy: 1).
   */
  constructor(
    readonly backPlane: number,
    readonly scale: number,
  ) {}

  primaryRay(sx: number, sy: number, width: number, height: number): Segment {
    const start = new Vec3(screenX(sx, width, height) * this.scale, screenY(sy, height) * this.scale, 0);
    return segment(start, new Vec3(0, 0, this.backPlane));
  }

  // Each pixel's ray starts elsewhere: the start is still a new vector.
  aim(sx: number, sy: number, width: number, height: number, ray: PrimaryRay): void {
    ray.start = new Vec3(screenX(sx, width, height) * this.scale, screenY(sy, height) * this.scale, 0);
    ray.dx = 0;
    ray.dy = 0;
    ray.dz = this.backPlane;
  }
}
