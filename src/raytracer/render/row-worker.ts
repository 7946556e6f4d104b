// The code that runs in created processes: each process receives the scene
// once (a leading argument fixed with `partial`, or a channel task's first
// argument), builds its world, then traces the rows it is asked for and
// sends them back as bytes. Importing this module starts nothing.
import type { Channel } from '../../pprocess/index.js';
import { buildWorld } from '../scene/build-world.js';
import type { SceneSpec } from '../scene/schema.js';
import type { World } from '../scene/world.js';
import { CHANNELS } from './image.js';
import { traceRow } from './trace-row.js';
import { warmUp } from './warm-up.js';

/** A run of rows to trace: `rows` rows from row `y` down. */
export interface RowSpan {
  readonly y: number;
  readonly rows: number;
}

/** Traced rows as they travel back: the first row's number and `rows × width × 3` bytes of RGB. */
export interface RowResult {
  readonly y: number;
  readonly pixels: Uint8Array;
}

// The scene this process traces: it arrives once, so one world is kept.
let current: { scene: SceneSpec; world: World } | undefined;

function worldOf(scene: SceneSpec): World {
  if (scene !== current?.scene) {
    warmUp(scene);
    current = { scene, world: buildWorld(scene) };
  }
  return current.world;
}

/** Traces the rows of a span of `world` into one buffer. */
export function traceSpan(world: World, { y, rows }: RowSpan): RowResult {
  const rowBytes = world.width * CHANNELS;
  const pixels = new Uint8Array(rows * rowBytes);
  for (let i = 0; i < rows; i++) traceRow(world, y + i, pixels.subarray(i * rowBytes, (i + 1) * rowBytes));
  return { y, pixels };
}

/**
 * Traces a run of rows of `scene`: a plain function for `makeParallel` (one
 * task) or `makeReusable` (a process handles many spans), with the scene
 * fixed by `partial` so that each process receives it once.
 */
export function renderRows(scene: SceneSpec, span: RowSpan): RowResult {
  return traceSpan(worldOf(scene), span);
}

/** Traces row `y` of `scene`: for element-wise maps such as `pmap`, with the scene fixed by `partial`. */
export function renderRow(scene: SceneSpec, y: number): Uint8Array {
  return traceRow(worldOf(scene), y);
}

/**
 * A channel-style task: traces `first` of `scene`, then each span received
 * on the channel, sending each back, until it receives `null`.
 */
export async function renderRowsOnChannel(channel: Channel, scene: SceneSpec, first: RowSpan): Promise<void> {
  const world = worldOf(scene);
  for (let span: RowSpan | null = first; span !== null; span = await channel.receive<RowSpan | null>()) {
    await channel.send(traceSpan(world, span));
  }
}
