// Tracing one scanline: PyGmy's `render_row`, writing 8-bit RGB.
import { PrimaryRay } from '../camera/camera.js';
import type { Shape } from '../geometry/shape.js';
import { PixelRng } from '../math/rng.js';
import type { Vec3 } from '../math/vec3.js';
import type { World } from '../scene/world.js';
import { packedWorldOf } from '../trace/packed-world.js';
import { toByte, tracePackedRow } from '../trace/trace-packed-row.js';
import { CHANNELS } from './image.js';

/**
 * Traces row `y` of `world` into `out` (`width × 3` bytes of RGB), and
 * returns `out`. Each pixel's random samples come from a stream seeded by
 * the world's seed and the pixel's position, so the row is the same
 * whichever process traces it.
 */
export function traceRow(world: World, y: number, out = new Uint8Array(world.width * CHANNELS)): Uint8Array {
  const packed = packedWorldOf(world);
  if (packed) {
    tracePackedRow(world, packed, y, out);
    return out;
  }
  return traceObjectRow(world, y, out);
}

/**
 * `traceRow` through the objects' own methods (`hitT`, `shade`, `strength`):
 * for worlds with shapes, shaders or lights of other kinds than the
 * built-in ones, and the reference the packed tracer is tested against.
 */
export function traceObjectRow(world: World, y: number, out = new Uint8Array(world.width * CHANNELS)): Uint8Array {
  const { width, height, camera, shapes } = world;
  const rng = new PixelRng();
  const aimed = new PrimaryRay();
  for (let x = 0; x < width; x++) {
    camera.aim(x, y, width, height, aimed);
    // The nearest hit in front of the camera and before the back plane; a
    // tie goes to the shape listed first.
    const { start, dx, dy, dz } = aimed;
    let nearest: Shape | undefined;
    let nearestT = 0;
    let depth = camera.backPlane;
    for (let i = 0; i < shapes.length; i++) {
      const shape = shapes[i]!;
      const t = shape.hitT(start, dx, dy, dz);
      if (t < 0) continue;
      const z = start.z + dz * t;
      if (z < depth && z > 0) {
        nearest = shape;
        nearestT = t;
        depth = z;
      }
    }
    let colour: Vec3 = world.background;
    if (nearest) {
      rng.reseed(world.seed, x, y);
      const ray = aimed.toSegment();
      const hit = nearest.hitAt(ray, nearestT);
      colour = nearest.shader.shade({ world, ray, hit, depth: world.reflectionDepth, rng });
    }
    const i = x * CHANNELS;
    out[i] = toByte(colour.x);
    out[i + 1] = toByte(colour.y);
    out[i + 2] = toByte(colour.z);
  }
  return out;
}
