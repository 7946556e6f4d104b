// Sphere intersection, ported from PyGmy's `sphere`.
import { Vec3 } from '../math/vec3.js';
import type { Shader } from '../shading/shader.js';
import type { Segment } from './segment.js';
import type { Hit, Shape } from './shape.js';

/** A sphere of `radius` around `centre`. */
export class Sphere implements Shape {
  readonly #r2: number;

  constructor(
    readonly centre: Vec3,
    readonly radius: number,
    readonly shader: Shader,
  ) {
    this.#r2 = radius * radius;
  }

  intersect(seg: Segment): Hit | undefined {
    const { start: s, delta: d } = seg;
    const t = this.hitT(s, d.x, d.y, d.z);
    return t < 0 ? undefined : this.hitAt(seg, t);
  }

  hitAt({ start: s, delta: d }: Segment, t: number): Hit {
    const position = new Vec3(s.x + d.x * t, s.y + d.y * t, s.z + d.z * t);
    const k = 1 / this.radius;
    const normal = new Vec3((position.x - this.centre.x) * k, (position.y - this.centre.y) * k, (position.z - this.centre.z) * k);
    return { shape: this, position, normal };
  }

  within(point: Vec3, reach: number): boolean {
    const ox = point.x - this.centre.x;
    const oy = point.y - this.centre.y;
    const oz = point.z - this.centre.z;
    // With a little slack: this only rules shapes out.
    const r = this.radius + reach + 1e-9 * (1 + reach);
    return ox * ox + oy * oy + oz * oz <= r * r;
  }

  // Only the nearer root counts, and only strictly inside the segment: a
  // segment that starts inside the sphere does not hit it (as in PyGmy).
  hitT(s: Vec3, dx: number, dy: number, dz: number): number {
    const ox = s.x - this.centre.x;
    const oy = s.y - this.centre.y;
    const oz = s.z - this.centre.z;
    const a = dx * dx + dy * dy + dz * dz;
    const b = 2 * (dx * ox + dy * oy + dz * oz);
    const c = ox * ox + oy * oy + oz * oz - this.#r2;
    const disc = b * b - 4 * a * c;
    if (!(disc > 0)) return -1;
    const t = (-b - Math.sqrt(disc)) / (2 * a);
    return t > 0 && t < 1 ? t : -1;
  }
}
