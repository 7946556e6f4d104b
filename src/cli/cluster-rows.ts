// The task that cluster workers run for `render --cluster`: traces a run of
// rows with the raytracer's own row tracer, so that the pixels are those of
// a local render. Importing this module starts nothing.
import { buildWorld, traceRow, type SceneSpec, type World } from '../raytracer/index.js';

/** This module's URL, for naming its export as a task. */
export const CLUSTER_ROWS_URL = import.meta.url;

/** Rows to trace: `rows` rows from row `y` down. */
export interface RowSpan {
  readonly y: number;
  readonly rows: number;
}

/** Bytes per pixel of a row (RGB). */
const CHANNELS = 3;

// A worker's process receives the scene once (shared by `partial`) and
// gets the same object for every span, so one world is kept.
let current: { scene: SceneSpec; world: World } | undefined;

/** Traces the rows of `span` into one buffer of `rows × width × 3` bytes. */
export function traceRows(scene: SceneSpec, { y, rows }: RowSpan): { y: number; pixels: Uint8Array } {
  if (current?.scene !== scene) current = { scene, world: buildWorld(scene) };
  const { world } = current;
  const rowBytes = world.width * CHANNELS;
  const pixels = new Uint8Array(rows * rowBytes);
  for (let i = 0; i < rows; i++) traceRow(world, y + i, pixels.subarray(i * rowBytes, (i + 1) * rowBytes));
  return { y, pixels };
}
