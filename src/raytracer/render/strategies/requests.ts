// Helpers shared by the strategies that use created processes.
import type { Exchange } from '../../../pprocess/index.js';
import type { SceneSpec } from '../../scene/schema.js';
import type { RowRequest } from '../row-worker.js';

/** How many processes to start: never more than there are rows. */
export function workerCount(scene: SceneSpec, procs: number): number {
  return Math.max(1, Math.min(procs, scene.height));
}

/**
 * One request per row, in order. The first `workers` requests carry the
 * scene: an exchange with `limit: workers` starts a fresh process for each
 * of them, and reuses those processes for the rest, which need only the row.
 */
export function rowRequests(scene: SceneSpec, workers: number): RowRequest[] {
  return Array.from({ length: scene.height }, (_, y) => (y < workers ? { y, scene } : { y }));
}

/**
 * Runs `body`; if it fails, closes every channel of `exchange` so that no
 * created process is left waiting for work, then rethrows.
 */
export async function closingOnFailure<T>(exchange: Exchange, body: () => Promise<T>): Promise<T> {
  try {
    return await body();
  } catch (error) {
    for (const channel of exchange.active()) channel.close();
    throw error;
  }
}
