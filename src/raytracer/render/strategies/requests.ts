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

/** Rows at the end handed out in shrinking spans, in spans of the full size per process. */
const TAIL_SPANS = 2;
/** In the tail, a span is the rows left over this many per process. */
const TAIL_SHARE = 4;

/**
 * The spans a render hands out, in order: `rowsPerTask` rows each, but
 * for the last few, which shrink down to one row, so that no process is
 * left tracing a full span while the others have finished (spans do not
 * change pixels: every row is traced alone). A requested size, or a single
 * process, keeps every span the same size.
 */
export function spanPlan(height: number, workers: number, requested?: number): RowSpan[] {
  const size = rowsPerTask(height, workers, requested);
  if (requested !== undefined || workers === 1) return rowSpans(height, size);
  const tail = TAIL_SPANS * workers * size;
  const spans: RowSpan[] = [];
  for (let y = 0; y < height; ) {
    const left = height - y;
    const rows = left > tail ? size : Math.max(1, Math.min(size, Math.ceil(left / (TAIL_SHARE * workers))));
    spans.push({ y, rows: Math.min(rows, left) });
    y += rows;
  }
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
