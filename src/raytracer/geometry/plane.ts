// Infinite plane intersection, ported from PyGmy's `plane`.
import { Vec3 } from '../math/vec3.js';
import type { Shader } from '../shading/shader.js';
import type { Segment } from './segment.js';
import type { Hit, Shape } from './shape.js';

/** The plane of points `p` with `normal · p + distance = 0`. */
export class Plane implements Shape {
  /** The unit normal. */
  readonly normal: Vec3;
  /** The plane's offset along the unit normal, as in `normal · p + distance = 0`. */
  readonly distance: number;

  /** `normal` need not be of unit length: the plane is rescaled so that it is. */
  constructor(
    normal: Vec3,
    distance: number,
    readonly shader: Shader,
  ) {
    const len = normal.length();
    this.normal = normal.scale(1 / len);
    this.distance = distance / len;
  }

  intersect(seg: Segment): Hit | undefined {
    const { start: s, delta: d } = seg;
    const t = this.hitT(s, d.x, d.y, d.z);
    return t < 0 ? undefined : this.hitAt(seg, t);
  }

  hitAt({ start: s, delta: d }: Segment, t: number): Hit {
    return { shape: this, position: new Vec3(s.x + d.x * t, s.y + d.y * t, s.z + d.z * t), normal: this.normal };
  }

  within(point: Vec3, reach: number): boolean {
    const n = this.normal;
    return Math.abs(n.x * point.x + n.y * point.y + n.z * point.z + this.distance) <= reach + 1e-9 * (1 + reach);
  }

  // Both ends of the segment count (0 ≤ t ≤ 1); the normal is not flipped
  // towards the viewer, so the plane is lit from its normal's side only.
  hitT(s: Vec3, dx: number, dy: number, dz: number): number {
    const n = this.normal;
    const vd = n.x * dx + n.y * dy + n.z * dz;
    if (vd === 0) return -1;
    const t = -(n.x * s.x + n.y * s.y + n.z * s.z + this.distance) / vd;
    return t < 0 || t > 1 ? -1 : t;
  }
}
