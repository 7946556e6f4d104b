// Helpers shared by the strategies that use created processes: how many
// processes, how rows are cut into tasks, and clean-up on failure.
import type { Exchange } from '../../../pprocess/index.js';
import type { SceneSpec } from '../../scene/schema.js';
import type { RowSpan } from '../row-worker.js';

/** How many processes to start: never more than there are rows. */
export function workerCount(scene: SceneSpec, procs: number): number {
  return Math.max(1, Math.min(procs, scene.height));
}

/** The most rows in one task when none is asked for. */
const MAX_AUTO_ROWS = 8;
/** Tasks per process aimed at when choosing the rows per task: enough to even out rows of unequal cost. */
const TASKS_PER_WORKER = 32;

/**
 * Rows per task: `requested`, or as many as keep about 32 tasks per
 * process, from 1 to 8. A task costs a message each way and a wait for the
 * next; a few rows per task make that negligible, while many tasks per
 * process still balance rows of very different cost.
 */
export function rowsPerTask(height: number, workers: number, requested?: number): number {
  if (requested !== undefined) return Math.min(requested, height);
  return Math.max(1, Math.min(MAX_AUTO_ROWS, Math.floor(height / (workers * TASKS_PER_WORKER))));
}

/** The rows of an image of `height`, cut into consecutive spans of `size` rows (the last may be shorter). */
export function rowSpans(height: number, size: number): RowSpan[] {
  const spans: RowSpan[] = [];
  for (let y = 0; y < height; y += size) spans.push({ y, rows: Math.min(size, height - y) });
  return spans;
}

/**
 * Runs `body`; if it fails, closes `exchange` (dropping queued rows and
 * ending its processes, waiting for them to exit) so that no created
 * process is left waiting for work, then rethrows.
 */
export async function closingOnFailure<T>(exchange: Exchange, body: () => Promise<T>): Promise<T> {
  try {
    return await body();
  } catch (error) {
    await exchange.close();
    throw error;
  }
}
