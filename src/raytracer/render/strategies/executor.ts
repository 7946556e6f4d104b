// What every way of spreading rows over processes provides.
import type { SceneSpec } from '../../scene/schema.js';

/** Receives traced rows, in any order: one or more whole rows of RGB bytes, starting at row `y`. */
export type RowSink = (y: number, pixels: Uint8Array) => void;

/** How an executor may run. */
export interface RunOptions {
  /** The most created processes at once (a positive integer). */
  readonly procs: number;
  /** Cancels the render: queued rows are dropped, processes ended, and `run` rejects with an `AbortError`. */
  readonly signal?: AbortSignal | undefined;
  /** Rows per task for the strategies that hand out rows on demand (default: chosen from the height and `procs`). */
  readonly rowsPerTask?: number | undefined;
}

/** A way of running the tracer over the rows of a scene. */
export interface Executor {
  /** The strategy's name, as given to `render()` and `--strategy`. */
  readonly name: string;
  /**
   * Traces every row of `scene` with at most `options.procs` created
   * processes, handing each row to `sink` as it arrives; resolves when all
   * are delivered.
   */
  run(scene: SceneSpec, options: RunOptions, sink: RowSink): Promise<void>;
}
