// The task that cluster workers run for `render --cluster`: traces a run of
// rows with the raytracer's own row tracer, so that the pixels are those of
// a local render. Importing this module starts nothing.
import { buildWorld, render, traceRow, type SceneSpec, type World } from '../raytracer/index.js';

/** This module's URL, for naming its export as a task. */
export const CLUSTER_ROWS_URL = import.meta.url;

/** Rows to trace: `rows` rows from row `y` down. */
export interface RowSpan {
  readonly y: number;
  readonly rows: number;
}

/** Bytes per pixel of a row (RGB). */
const CHANNELS = 3;
/** The most pixels across the thumbnail traced before a new scene's rows. */
const THUMBNAIL_WIDTH = 40;

// A worker's process receives the scene once (shared by `partial`) and
// gets the same object for every span, so one world is kept.
let current: { scene: SceneSpec; world: World } | undefined;

/** Traces the rows of `span` into one buffer of `rows × width × 3` bytes. */
export async function traceRows(scene: SceneSpec, { y, rows }: RowSpan): Promise<{ y: number; pixels: Uint8Array }> {
  if (current?.scene !== scene) {
    await warmUp(scene);
    current = { scene, world: buildWorld(scene) };
  }
  const { world } = current;
  const rowBytes = world.width * CHANNELS;
  const pixels = new Uint8Array(rows * rowBytes);
  for (let i = 0; i < rows; i++) traceRow(world, y + i, pixels.subarray(i * rowBytes, (i + 1) * rowBytes));
  return { y, pixels };
}

// A thumbnail of the scene traced in this process first, as a local render
// does: the engine then optimizes the tracer for every path at once rather
// than for empty sky first (the pixels are not affected).
async function warmUp(scene: SceneSpec): Promise<void> {
  const scale = Math.min(1, THUMBNAIL_WIDTH / scene.width);
  const size = (n: number) => Math.max(1, Math.round(n * scale));
  await render({ ...scene, width: size(scene.width), height: size(scene.height) }, { strategy: 'serial' });
}
