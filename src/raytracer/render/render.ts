// The one render function: a scene, a strategy, a number of processes, and
// the rows assembled into an image whatever order they arrive in.
import { getNumberOfCores } from '../../pprocess/cores.js';
import { MAX_PROCS } from '../limits.js';
import { checkScene } from '../scene/check-scene.js';
import type { SceneInput } from '../scene/schema.js';
import type { RgbImage } from './image.js';
import { RowAssembler, type RowProgress } from './row-assembler.js';
import { DEFAULT_STRATEGY, loadExecutor, type StrategyName } from './strategies/index.js';

export type { RowProgress } from './row-assembler.js';

/** Options of `render()`. */
export interface RenderOptions {
  /**
   * The most created processes at once (1 to `MAX_PROCS`; default: `getNumberOfCores()`). Ignored by `serial`.
   * @default getNumberOfCores()
   * @example
   * ```ts
   * const image = await render(scene, { procs: 4 });
   * ```
   */
  procs?: number;
  /**
   * How rows are spread over processes (default `map`; see `STRATEGIES`).
   * @default 'map' (`DEFAULT_STRATEGY`)
   * @example
   * ```ts
   * const image = await render(scene, { strategy: 'queue' });
   * ```
   */
  strategy?: StrategyName;
  /**
   * Called for each row as it arrives (rows may arrive in any order).
   * @default none
   * @example
   * ```ts
   * const image = await render(scene, { onRow: ({ done, total }) => console.log(`${done}/${total} rows`) });
   * ```
   */
  onRow?: (progress: RowProgress) => void;
  /**
   * Names the scene in error messages (default `"scene"`).
   * @default 'scene'
   * @example
   * ```ts
   * const image = await render(JSON.parse(await readFile('my.json', 'utf8')), { source: 'my.json' });
   * ```
   */
  source?: string;
  /**
   * Cancels the render: its processes are ended and the promise rejects with an `AbortError`.
   * @default none: the render runs to its end
   * @example
   * ```ts
   * const image = await render(scene, { signal: AbortSignal.timeout(30_000) });
   * ```
   */
  signal?: AbortSignal;
  /**
   * Rows per task for the strategies that hand rows out on demand (a
   * positive integer; default: about 32 tasks per process, 1 to 8 rows).
   * @default about 32 tasks per process, 1 to 8 rows each
   * @example
   * ```ts
   * const image = await render(scene, { strategy: 'queue', rowsPerTask: 4 });
   * ```
   */
  rowsPerTask?: number;
}

export { MAX_PROCS } from '../limits.js';

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
  const spec = await checkScene(scene, options.source);
  const procs = options.procs ?? getNumberOfCores();
  checkInteger('procs', procs, MAX_PROCS);
  if (options.rowsPerTask !== undefined) checkInteger('rowsPerTask', options.rowsPerTask, Number.MAX_SAFE_INTEGER);
  const executor = await loadExecutor(options.strategy ?? DEFAULT_STRATEGY);
  options.signal?.throwIfAborted();

  const rows = new RowAssembler(spec.width, spec.height, `Strategy ${executor.name}`, options.onRow);
  await executor.run(spec, { procs, signal: options.signal, rowsPerTask: options.rowsPerTask }, (y, pixels) => rows.accept(y, pixels));
  // Rows that were all in hand when the signal came still make a cancelled render.
  options.signal?.throwIfAborted();
  return rows.finish();
}

function checkInteger(name: string, value: number, max: number): void {
  if (Number.isInteger(value) && value >= 1 && value <= max) return;
  const range = max === Number.MAX_SAFE_INTEGER ? 'a positive integer' : `an integer from 1 to ${max}`;
  throw Object.assign(new RangeError(`render(): ${name} must be ${range}, got ${String(value)}`), { code: 'ERR_OUT_OF_RANGE' });
}
