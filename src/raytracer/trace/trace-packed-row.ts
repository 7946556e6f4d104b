// `traceRow` on a packed world: the camera's rays against flat arrays, and
// each hit shaded by trace/shade.ts, allocating nothing per pixel.
import { PrimaryRay } from '../camera/camera.js';
import type { World } from '../scene/world.js';
import { hitT } from './intersect.js';
import type { PackedWorld } from './packed-world.js';
import { rowShapes } from './row-shapes.js';
import { shade } from './shade.js';
import { FRAME, recordHit, traceState } from './trace-state.js';

/** Traces row `y` of `world`, packed as `w`, into `out` (RGB bytes), as `traceRow` does. */
export function tracePackedRow(world: World, w: PackedWorld, y: number, out: Uint8Array): void {
  const { width, height, camera, background, reflectionDepth: top } = world;
  const st = traceState(w, top, world.seed);
  const { frames, rgb, rng } = st;
  const aimed = new PrimaryRay();
  const f = top * FRAME;
  const candidates = new Int32Array(w.shapes);
  const count = rowShapes(world, w, y, candidates);
  for (let x = 0; x < width; x++) {
    camera.aim(x, y, width, height, aimed);
    const { start, dx, dy, dz } = aimed;
    const sx = start.x;
    const sy = start.y;
    const sz = start.z;
    // The nearest hit in front of the camera and before the back plane; a
    // tie goes to the shape listed first.
    let nearest = -1;
    let nearestT = 0;
    let depth = camera.backPlane;
    for (let k = 0; k < count; k++) {
      const i = candidates[k]!;
      const t = hitT(w, i, sx, sy, sz, dx, dy, dz);
      if (t < 0) continue;
      const z = sz + dz * t;
      if (z < depth && z > 0) {
        nearest = i;
        nearestT = t;
        depth = z;
      }
    }
    let r = background.x;
    let g = background.y;
    let b = background.z;
    if (nearest >= 0) {
      rng.reseed(st.seed, x, y);
      recordHit(st, nearest, top, sx, sy, sz, dx, dy, dz, nearestT);
      frames[f + 6] = dx;
      frames[f + 7] = dy;
      frames[f + 8] = dz;
      shade(st, nearest, top);
      r = rgb[0]!;
      g = rgb[1]!;
      b = rgb[2]!;
    }
    const i = x * 3;
    out[i] = toByte(r);
    out[i + 1] = toByte(g);
    out[i + 2] = toByte(b);
  }
}

/** A colour component (1 = full) as a byte: scaled by 255, truncated and clamped, as PyGmy wrote its pixels. */
export function toByte(c: number): number {
  const v = Math.trunc(c * 255);
  return v < 0 ? 0 : v > 255 ? 255 : v;
}
