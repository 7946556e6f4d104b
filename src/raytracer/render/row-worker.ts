// The code that runs in created processes: each process receives the scene
// once, builds its world, then traces the rows it is asked for and sends
// each back as bytes. Importing this module starts nothing.
import type { Channel } from '../../pprocess/index.js';
import { buildWorld } from '../scene/build-world.js';
import type { SceneSpec } from '../scene/schema.js';
import type { World } from '../scene/world.js';
import { CHANNELS, traceRow } from './trace-row.js';
import { warmUp } from './warm-up.js';

/** This module's URL, for naming its exports as tasks of created processes. */
export const ROW_WORKER_URL = import.meta.url;

/** A request for one row; only a process's first request carries the scene. */
export interface RowRequest {
  readonly y: number;
  readonly scene?: SceneSpec;
}

/** Traced rows as they travel back: the first row's number and `rows × width × 3` bytes of RGB. */
export interface RowResult {
  readonly y: number;
  readonly pixels: Uint8Array;
}

/** A contiguous band of rows, [`start`, `end`), for static splitting. */
export interface BandRequest {
  readonly scene: SceneSpec;
  readonly start: number;
  readonly end: number;
}

// The scene this process traces, built from the first request that carried one.
let current: { scene: SceneSpec; world: World } | undefined;

function worldOf(scene: SceneSpec | undefined): World {
  if (scene && scene !== current?.scene) {
    warmUp(scene);
    current = { scene, world: buildWorld(scene) };
  }
  if (!current) {
    throw Object.assign(new Error('renderRow: this process was sent a row before any scene; its first request must carry the scene'), {
      code: 'ERR_NO_SCENE',
    });
  }
  return current.world;
}

/**
 * Traces one row (a reusable task: a process handles many requests, and
 * keeps the scene of the first).
 */
export function renderRow(request: RowRequest): RowResult {
  const world = worldOf(request.scene);
  return { y: request.y, pixels: traceRow(world, request.y) };
}

/**
 * A channel-style task: traces `firstRow` of `scene`, then each row number
 * received on the channel, sending each row back, until it receives `null`.
 */
export async function renderRowsOnChannel(channel: Channel, scene: SceneSpec, firstRow: number): Promise<void> {
  const world = worldOf(scene);
  for (let y: number | null = firstRow; y !== null; y = await channel.receive<number | null>()) {
    await channel.send({ y, pixels: traceRow(world, y) } satisfies RowResult);
  }
}

/** Traces rows [`start`, `end`) into one buffer: one task per band. */
export function renderBand({ scene, start, end }: BandRequest): RowResult {
  const world = worldOf(scene);
  const rowBytes = world.width * CHANNELS;
  const pixels = new Uint8Array((end - start) * rowBytes);
  for (let y = start; y < end; y++) traceRow(world, y, pixels.subarray((y - start) * rowBytes, (y - start + 1) * rowBytes));
  return { y: start, pixels };
}
