// Which shapes the camera rays of one row can meet. With both cameras, the
// rays of a row start on a line along x and share their y and z deltas, so
// they all lie in one plane; a sphere farther from that plane than its
// radius meets none of them, and the row need not test it.
import { OrthographicCamera, PerspectiveCamera, PrimaryRay } from '../camera/camera.js';
import type { World } from '../scene/world.js';
import { GEOMETRY_STRIDE, SPHERE, type PackedWorld } from './packed-world.js';

// Slack on the radius, relative to the sphere's size and distance: far more
// than rounding can move a root, so a sphere left out is one whose test
// would have found no hit (skipping it changes no pixel).
const SLACK = 1e-6;

/**
 * Writes into `out`, in scene order, the shapes that camera rays of row
 * `y` may meet, and returns how many: every shape for a camera of
 * another kind, and every plane.
 */
export function rowShapes(world: World, w: PackedWorld, y: number, out: Int32Array): number {
  const { camera } = world;
  let count = 0;
  if (!(camera instanceof PerspectiveCamera || camera instanceof OrthographicCamera)) {
    for (let i = 0; i < w.shapes; i++) out[count++] = i;
    return count;
  }
  const ray = new PrimaryRay();
  camera.aim(world.width - 1, y, world.width, world.height, ray);
  const across = Math.abs(ray.start.x);
  camera.aim(0, y, world.width, world.height, ray);
  const { dy, dz } = ray;
  const { y: sy, z: sz } = ray.start;
  // The farthest a ray of the row starts from x = 0.
  const spread = Math.max(across, Math.abs(ray.start.x));
  const norm = Math.sqrt(dy * dy + dz * dz);
  const g = w.geometry;
  for (let i = 0; i < w.shapes; i++) {
    const at = i * GEOMETRY_STRIDE;
    if (w.shapeKind[i] === SPHERE && norm > 0) {
      const oy = g[at + 1]! - sy;
      const oz = g[at + 2]! - sz;
      const distance = Math.abs(oy * dz - oz * dy) / norm;
      const radius = g[at + 4]!;
      // At least the distance from any ray's start to the centre.
      const reach = Math.abs(g[at]!) + spread + Math.abs(oy) + Math.abs(oz);
      if (distance > radius + SLACK * (radius + reach)) continue;
    }
    out[count++] = i;
  }
  return count;
}
