// Segments against packed shapes: the arithmetic of Sphere and Plane
// (`hitT`, `within`), operation for operation, on flat arrays.
import { GEOMETRY_STRIDE, SPHERE, type PackedWorld } from './packed-world.js';

/**
 * How far along the segment from (`sx`, `sy`, `sz`) along (`dx`, `dy`, `dz`)
 * it first meets shape `i`, or -1: `Sphere.hitT` and `Plane.hitT`.
 */
export function hitT(w: PackedWorld, i: number, sx: number, sy: number, sz: number, dx: number, dy: number, dz: number): number {
  const g = w.geometry;
  const at = i * GEOMETRY_STRIDE;
  if (w.shapeKind[i] === SPHERE) {
    const ox = sx - g[at]!;
    const oy = sy - g[at + 1]!;
    const oz = sz - g[at + 2]!;
    const b = 2 * (dx * ox + dy * oy + dz * oz);
    // With b ≥ 0 the nearer root, (-b - √disc) / 2a, cannot be positive:
    // the same -1 as below, without the square root.
    if (b >= 0) return -1;
    const a = dx * dx + dy * dy + dz * dz;
    const c = ox * ox + oy * oy + oz * oz - g[at + 3]!;
    const disc = b * b - 4 * a * c;
    if (!(disc > 0)) return -1;
    const t = (-b - Math.sqrt(disc)) / (2 * a);
    return t > 0 && t < 1 ? t : -1;
  }
  const nx = g[at]!;
  const ny = g[at + 1]!;
  const nz = g[at + 2]!;
  const vd = nx * dx + ny * dy + nz * dz;
  if (vd === 0) return -1;
  const t = -(nx * sx + ny * sy + nz * sz + g[at + 3]!) / vd;
  return t < 0 || t > 1 ? -1 : t;
}

/**
 * Whether a shape among the first `count` of `order` (other than `except`)
 * meets the segment in `seg` (start x, y, z, delta x, y, z): a shadow or
 * occlusion test. The segment comes in an array, not as arguments: numbers
 * passed to a call the engine does not inline are boxed on the heap.
 */
export function blocked(w: PackedWorld, order: Int32Array, count: number, except: number, seg: Float64Array): boolean {
  const sx = seg[0]!;
  const sy = seg[1]!;
  const sz = seg[2]!;
  const dx = seg[3]!;
  const dy = seg[4]!;
  const dz = seg[5]!;
  for (let k = 0; k < count; k++) {
    const i = order[k]!;
    if (i !== except && hitT(w, i, sx, sy, sz, dx, dy, dz) >= 0) return true;
  }
  return false;
}

/**
 * Writes into `out` the shapes other than `except` that a segment from the
 * point `seg[0..2]` no longer than `reach` could meet (`within`), and
 * returns how many.
 */
export function collectWithin(w: PackedWorld, except: number, seg: Float64Array, reach: number, out: Int32Array): number {
  const g = w.geometry;
  const px = seg[0]!;
  const py = seg[1]!;
  const pz = seg[2]!;
  let count = 0;
  for (let i = 0; i < w.shapes; i++) {
    if (i === except) continue;
    const at = i * GEOMETRY_STRIDE;
    let near: boolean;
    if (w.shapeKind[i] === SPHERE) {
      const ox = px - g[at]!;
      const oy = py - g[at + 1]!;
      const oz = pz - g[at + 2]!;
      const r = g[at + 4]! + reach + 1e-9 * (1 + reach);
      near = ox * ox + oy * oy + oz * oz <= r * r;
    } else {
      near = Math.abs(g[at]! * px + g[at + 1]! * py + g[at + 2]! * pz + g[at + 3]!) <= reach + 1e-9 * (1 + reach);
    }
    if (near) out[count++] = i;
  }
  return count;
}
