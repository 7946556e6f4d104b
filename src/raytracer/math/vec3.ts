// Three-component vectors for positions, directions and colours
// (ported from PyGmy's `vec`, as an immutable value type).

/** An immutable 3-vector: a point, a direction, or an RGB colour (x = red, y = green, z = blue). */
export class Vec3 {
  // The first instance holds fractions, so that the engine stores the fields
  // as doubles from the start: had it seen small integers first (as in
  // ZERO), every later fraction would force optimized code to be thrown away.
  static readonly #FIRST = new Vec3(0.5, 0.5, 0.5);

  /** The zero vector (also black). */
  static readonly ZERO = new Vec3(0, 0, 0);

  constructor(
    readonly x: number,
    readonly y: number,
    readonly z: number,
  ) {}

  /** Builds a vector from a `[x, y, z]` triple, as scene files write them. */
  static of([x, y, z]: readonly [number, number, number]): Vec3 {
    return new Vec3(x, y, z);
  }

  add(o: Vec3): Vec3 {
    return new Vec3(this.x + o.x, this.y + o.y, this.z + o.z);
  }

  sub(o: Vec3): Vec3 {
    return new Vec3(this.x - o.x, this.y - o.y, this.z - o.z);
  }

  scale(k: number): Vec3 {
    return new Vec3(this.x * k, this.y * k, this.z * k);
  }

  /** Component-wise product: filtering one colour by another. */
  mul(o: Vec3): Vec3 {
    return new Vec3(this.x * o.x, this.y * o.y, this.z * o.z);
  }

  neg(): Vec3 {
    return new Vec3(-this.x, -this.y, -this.z);
  }

  dot(o: Vec3): number {
    return this.x * o.x + this.y * o.y + this.z * o.z;
  }

  cross(o: Vec3): Vec3 {
    return new Vec3(this.y * o.z - this.z * o.y, this.z * o.x - this.x * o.z, this.x * o.y - this.y * o.x);
  }

  length(): number {
    return Math.sqrt(this.x * this.x + this.y * this.y + this.z * this.z);
  }

  /** The unit vector in the same direction; the zero vector stays zero (as in the original). */
  normalize(): Vec3 {
    const len = this.length();
    return len === 0 ? this : new Vec3(this.x / len, this.y / len, this.z / len);
  }

  /** This direction mirrored about the plane with unit normal `n`. */
  reflect(n: Vec3): Vec3 {
    const k = 2 * this.dot(n);
    return new Vec3(this.x - n.x * k, this.y - n.y * k, this.z - n.z * k);
  }

  /** The vector as a `[x, y, z]` triple. */
  toArray(): [number, number, number] {
    return [this.x, this.y, this.z];
  }
}
