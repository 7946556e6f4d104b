// The one render function: a scene, a strategy, a number of processes, and
// the rows assembled into an image whatever order they arrive in.
import { getNumberOfCores } from '../../pprocess/index.js';
import { RenderRowsError } from '../errors.js';
import { parseScene } from '../scene/parse-scene.js';
import type { SceneInput } from '../scene/schema.js';
import type { RgbImage } from './image.js';
import { DEFAULT_STRATEGY, getExecutor, type StrategyName } from './strategies/index.js';
import { CHANNELS } from './trace-row.js';

/** Progress of a render, reported once per row as it arrives. */
export interface RowProgress {
  /** The row that arrived. */
  readonly y: number;
  /** Its pixels (RGB bytes); valid only during the call. */
  readonly pixels: Uint8Array;
  /** Rows done so far, this one included. */
  readonly done: number;
  /** Rows in the image. */
  readonly total: number;
}

/** Options of `render()`. */
export interface RenderOptions {
  /** The most created processes at once (a positive integer; default: `getNumberOfCores()`). Ignored by `serial`. */
  procs?: number;
  /** How rows are spread over processes (default `map`; see `STRATEGIES`). */
  strategy?: StrategyName;
  /** Called for each row as it arrives (rows may arrive in any order). */
  onRow?: (progress: RowProgress) => void;
  /** Names the scene in error messages (default `"scene"`). */
  source?: string;
  /** Cancels the render: its processes are ended and the promise rejects with an `AbortError`. */
  signal?: AbortSignal;
  /**
   * Rows per task for the strategies that hand rows out on demand (a
   * positive integer; default: about 32 tasks per process, 1 to 8 rows).
   */
  rowsPerTask?: number;
}

/** The most processes `render()` accepts. */
export const MAX_PROCS = 256;

/**
 * Renders `scene` (scene-file data, validated here) and resolves with its
 * pixels. Same scene and seed, same pixels, whatever the strategy and the
 * number of processes.
 *
 * ```ts
 * const image = await render(scene, { procs: 4, strategy: 'map', onRow: ({ done, total }) => … });
 * ```
 */
export async function render(scene: SceneInput, options: RenderOptions = {}): Promise<RgbImage> {
  const spec = parseScene(scene, options.source);
  const procs = options.procs ?? getNumberOfCores();
  if (!Number.isInteger(procs) || procs < 1 || procs > MAX_PROCS) {
    throw Object.assign(new RangeError(`render(): procs must be an integer from 1 to ${MAX_PROCS}, got ${String(procs)}`), {
      code: 'ERR_OUT_OF_RANGE',
    });
  }
  const { rowsPerTask } = options;
  if (rowsPerTask !== undefined && (!Number.isInteger(rowsPerTask) || rowsPerTask < 1)) {
    throw Object.assign(new RangeError(`render(): rowsPerTask must be a positive integer, got ${String(rowsPerTask)}`), {
      code: 'ERR_OUT_OF_RANGE',
    });
  }
  const executor = getExecutor(options.strategy ?? DEFAULT_STRATEGY);
  options.signal?.throwIfAborted();
  const { width, height } = spec;
  const rowBytes = width * CHANNELS;
  const data = new Uint8Array(height * rowBytes);
  const arrived = new Uint8Array(height);
  let done = 0;

  const accept = (y: number, pixels: Uint8Array): void => {
    if (!Number.isInteger(y) || y < 0 || y >= height || arrived[y]) {
      throw new RenderRowsError(`Strategy ${executor.name} delivered row ${y} ${arrived[y] ? 'twice' : 'out of range'}`);
    }
    data.set(pixels, y * rowBytes);
    arrived[y] = 1;
    done++;
    options.onRow?.({ y, pixels, done, total: height });
  };
  await executor.run(spec, { procs, signal: options.signal, rowsPerTask }, (y, pixels) => {
    if (pixels.length === 0 || pixels.length % rowBytes !== 0) {
      throw new RenderRowsError(`Strategy ${executor.name} delivered ${pixels.length} bytes at row ${y}, not whole rows of ${rowBytes}`);
    }
    for (let i = 0; i * rowBytes < pixels.length; i++) accept(y + i, pixels.subarray(i * rowBytes, (i + 1) * rowBytes));
  });
  // Rows that were all in hand when the signal came still make a cancelled render.
  options.signal?.throwIfAborted();
  if (done !== height) {
    throw new RenderRowsError(`Strategy ${executor.name} delivered ${done} of ${height} rows`);
  }
  return { width, height, channels: CHANNELS, data };
}
