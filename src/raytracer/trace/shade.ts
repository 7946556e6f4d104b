// The shaders and lights of shading/ and lighting/ on a packed world: the
// same arithmetic in the same order, and the same random draws in the same
// order, so that every pixel comes out byte for byte as the objects make it.
// Each function reads the hit from the frame of its depth and returns a
// colour in `st.rgb`.
import { blocked, collectWithin, hitT } from './intersect.js';
import {
  BLEED,
  BLEED_DISTANCE,
  BLEED_SAMPLES,
  COLOUR,
  DARKEN,
  DIRECT,
  EVERYTHING,
  LIGHT_STRIDE,
  OCCLUSION_DISTANCE,
  OCCLUSION_SAMPLES,
  PARALLEL,
  SCALE,
  SHADING_STRIDE,
  SHARE,
  THRESHOLD,
} from './packed-world.js';
import { FRAME, recordHit, type TraceState } from './trace-state.js';

/** Colours the hit on shape `i` recorded at `depth` (the shaders' `shade`). */
export function shade(st: TraceState, i: number, depth: number): void {
  const s = st.w.shading;
  const at = i * SHADING_STRIDE;
  const rgb = st.rgb;
  directLight(st, i, depth);
  const lx = rgb[0]!;
  const ly = rgb[1]!;
  const lz = rgb[2]!;
  const cr = s[at + COLOUR]!;
  const cg = s[at + COLOUR + 1]!;
  const cb = s[at + COLOUR + 2]!;
  const kind = st.w.shaderKind[i];
  if (kind === DIRECT) {
    rgb[0] = lx * cr;
    rgb[1] = ly * cg;
    rgb[2] = lz * cb;
    return;
  }
  const share = s[at + SHARE]!;
  if (kind === EVERYTHING || kind === BLEED) {
    // Reflection (or bleed) before occlusion: the order of their random draws.
    if (kind === EVERYTHING) reflection(st, i, depth);
    else colourBleed(st, i, depth);
    const ox = rgb[0]!;
    const oy = rgb[1]!;
    const oz = rgb[2]!;
    const k = openness(occlusion(st, i, depth), s[at + OCCLUSION_SAMPLES]!);
    const keep = 1 - share;
    rgb[0] = (lx * cr * keep + ox * share) * k;
    rgb[1] = (ly * cg * keep + oy * share) * k;
    rgb[2] = (lz * cb * keep + oz * share) * k;
    return;
  }
  // The spot floor.
  let dx = lx * cr;
  let dy = ly * cg;
  let dz = lz * cb;
  const f = depth * FRAME;
  const scale = s[at + SCALE]!;
  if (Math.sin(st.frames[f]! * scale) + Math.cos(st.frames[f + 2]! * scale) > s[at + THRESHOLD]!) {
    const darken = s[at + DARKEN]!;
    dx *= darken;
    dy *= darken;
    dz *= darken;
  }
  reflection(st, i, depth);
  const mx = rgb[0]!;
  const my = rgb[1]!;
  const mz = rgb[2]!;
  const k = (1 - share) * openness(occlusion(st, i, depth), s[at + OCCLUSION_SAMPLES]!);
  rgb[0] = mx * share + dx * k;
  rgb[1] = my * share + dy * k;
  rgb[2] = mz * share + dz * k;
}

// The sum of every light's colour times its strength at the hit.
function directLight(st: TraceState, i: number, depth: number): void {
  const { w, frames, seg } = st;
  const f = depth * FRAME;
  probeFromHit(st, depth);
  const px = seg[0]!;
  const py = seg[1]!;
  const pz = seg[2]!;
  const nx = frames[f + 3]!;
  const ny = frames[f + 4]!;
  const nz = frames[f + 5]!;
  const l = w.lighting;
  let x = 0;
  let y = 0;
  let z = 0;
  for (let j = 0; j < w.lights; j++) {
    const at = j * LIGHT_STRIDE;
    const parallel = w.lightKind[j] === PARALLEL;
    // The shadow probe: ParallelLight's (at 6), or the way to PointLight's position (at 3).
    const dx = parallel ? l[at + 6]! : l[at + 3]! - px;
    const dy = parallel ? l[at + 7]! : l[at + 4]! - py;
    const dz = parallel ? l[at + 8]! : l[at + 5]! - pz;
    seg[3] = dx;
    seg[4] = dy;
    seg[5] = dz;
    // One shadow test for either kind: the tracer's largest function then holds one copy of it.
    let k = 0;
    if (!blocked(w, st.all, w.shapes, i, seg)) {
      if (parallel) k = l[at + 3]! * nx + l[at + 4]! * ny + l[at + 5]! * nz;
      else {
        const len = Math.sqrt(dx * dx + dy * dy + dz * dz);
        k = len === 0 ? 0 : (dx * nx + dy * ny + dz * nz) / len;
      }
    }
    x += l[at]! * k;
    y += l[at + 1]! * k;
    z += l[at + 2]! * k;
  }
  st.rgb[0] = x;
  st.rgb[1] = y;
  st.rgb[2] = z;
}

// The colour seen in the mirror direction, one bounce deeper.
function reflection(st: TraceState, i: number, depth: number): void {
  if (depth <= 0) return black(st);
  const fr = st.frames;
  const f = depth * FRAME;
  const nx = fr[f + 3]!;
  const ny = fr[f + 4]!;
  const nz = fr[f + 5]!;
  const dx = fr[f + 6]!;
  const dy = fr[f + 7]!;
  const dz = fr[f + 8]!;
  // Vec3.reflect.
  const k = 2 * (dx * nx + dy * ny + dz * nz);
  const below = f - FRAME;
  fr[below + 6] = dx - nx * k;
  fr[below + 7] = dy - ny * k;
  fr[below + 8] = dz - nz * k;
  shadeAlong(st, i, depth);
}

// The mean colour along random probes of length `distance`.
function colourBleed(st: TraceState, i: number, depth: number): void {
  const at = i * SHADING_STRIDE;
  const samples = st.w.shading[at + BLEED_SAMPLES]!;
  const distance = st.w.shading[at + BLEED_DISTANCE]!;
  if (samples <= 0) return black(st);
  const { rng, frames, rgb } = st;
  const below = (depth - 1) * FRAME;
  let x = 0;
  let y = 0;
  let z = 0;
  for (let j = 0; j < samples; j++) {
    // randomDirection(rng).scale(distance): integers in [-100, 100), normalised.
    let rx = rng.int(-100, 100);
    let ry = rng.int(-100, 100);
    let rz = rng.int(-100, 100);
    const len = Math.sqrt(rx * rx + ry * ry + rz * rz);
    if (len !== 0) {
      rx /= len;
      ry /= len;
      rz /= len;
    }
    if (depth <= 0) continue;
    frames[below + 6] = rx * distance;
    frames[below + 7] = ry * distance;
    frames[below + 8] = rz * distance;
    shadeAlong(st, i, depth);
    x += rgb[0]!;
    y += rgb[1]!;
    z += rgb[2]!;
  }
  const k = 1 / samples;
  rgb[0] = x * k;
  rgb[1] = y * k;
  rgb[2] = z * k;
}

// Shades every shape but `from` that the segment from the hit at `depth`,
// along the delta recorded one frame below, meets; adds the colours.
function shadeAlong(st: TraceState, from: number, depth: number): void {
  const { w, frames, rgb } = st;
  const f = depth * FRAME;
  const below = f - FRAME;
  const sx = frames[f]!;
  const sy = frames[f + 1]!;
  const sz = frames[f + 2]!;
  const dx = frames[below + 6]!;
  const dy = frames[below + 7]!;
  const dz = frames[below + 8]!;
  let x = 0;
  let y = 0;
  let z = 0;
  for (let j = 0; j < w.shapes; j++) {
    if (j === from) continue;
    const t = hitT(w, j, sx, sy, sz, dx, dy, dz);
    if (t < 0) continue;
    recordHit(st, j, depth - 1, sx, sy, sz, dx, dy, dz, t);
    shade(st, j, depth - 1);
    x += rgb[0]!;
    y += rgb[1]!;
    z += rgb[2]!;
  }
  rgb[0] = x;
  rgb[1] = y;
  rgb[2] = z;
}

// The fraction of occlusion probes that escape (`occlusion` returns how
// many were blocked, an integer, which passes unboxed): 1 with no probes.
function openness(occluded: number, samples: number): number {
  return samples <= 0 ? 1 : 1 - occluded / samples;
}

// How many of the random probes of the hit's shader, from the hit, meet another shape.
function occlusion(st: TraceState, i: number, depth: number): number {
  const { w, rng, near, seg } = st;
  const at = i * SHADING_STRIDE;
  const samples = w.shading[at + OCCLUSION_SAMPLES]!;
  const distance = w.shading[at + OCCLUSION_DISTANCE]!;
  if (samples <= 0) return 0;
  probeFromHit(st, depth);
  const count = collectWithin(w, i, seg, distance, near);
  if (count === 0) return 0;
  let occluded = 0;
  for (let j = 0; j < samples; j++) {
    const x = rng.int(-100, 100);
    const y = rng.int(-100, 100);
    const z = rng.int(-100, 100);
    const len = Math.sqrt(x * x + y * y + z * z);
    const k = len === 0 ? 0 : distance / len;
    seg[3] = x * k;
    seg[4] = y * k;
    seg[5] = z * k;
    if (blocked(w, near, count, -1, seg)) occluded++;
  }
  return occluded;
}

// Starts the probe segment at the hit recorded at `depth`.
function probeFromHit(st: TraceState, depth: number): void {
  const { frames, seg } = st;
  const f = depth * FRAME;
  seg[0] = frames[f]!;
  seg[1] = frames[f + 1]!;
  seg[2] = frames[f + 2]!;
}

function black(st: TraceState): void {
  st.rgb[0] = 0;
  st.rgb[1] = 0;
  st.rgb[2] = 0;
}
