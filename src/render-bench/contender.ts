// What the render benchmark times: ways of rendering the same rows of the
// same scene, each prepared before its timed runs the way its users would.
import type { SceneSpec } from '../raytracer/index.js';
import { RowAssembler } from '../raytracer/render/row-assembler.js';
import type { RowSpan } from '../raytracer/render/row-worker.js';
import { rowsPerTask, spanPlan, workerCount } from '../raytracer/render/strategies/requests.js';

/** Who renders: this process alone, pprocess, or a peer pool. */
export type Family = 'serial' | 'pprocess' | 'piscina' | 'workerpool';

/** One way of rendering the benchmark's scene. */
export interface Contender {
  /** Unique and stable, for the JSON report (e.g. `pprocess-map-pool-2`). */
  readonly id: string;
  /** For the table (e.g. `pprocess map, pool`). */
  readonly name: string;
  readonly family: Family;
  /** The pprocess strategy, where one is used. */
  readonly strategy?: string;
  /** How many processes or threads render. */
  readonly procs: number;
  /** Whether a run is a whole command in a new `node` (measured against the serial command). */
  readonly cold: boolean;
  /** What a timed run includes, in a sentence. */
  readonly includes: string;
  /** Untimed, before every run: what a user does before the work arrives (start a pool, prestart processes). */
  prepare(): Promise<void>;
  /** The timed run: renders the whole scene once. */
  run(): Promise<void>;
  /** The pixels of the last run (untimed): every contender must match the serial render byte for byte. */
  lastImage(): Promise<Uint8Array>;
  /** Ends whatever it started. */
  close(): Promise<void>;
  /**
   * Whole commands: each run's serial part, in seconds, the warm-up round's
   * first: from the command's start to its first row, and from its last
   * row to the file written.
   */
  serialParts?(): { readonly toFirstRow: readonly number[]; readonly lastRowToFile: readonly number[] };
}

/** The work every contender with `procs` workers does: the same scene cut into the same spans of rows. */
export interface RenderJob {
  readonly scene: SceneSpec;
  readonly procs: number;
  /** Rows per task: what `render()` chooses for this many processes. */
  readonly rowsPerTask: number;
  readonly spans: readonly RowSpan[];
}

/** The job of `procs` workers on `scene`: the spans `render()` would hand out. */
export function renderJob(scene: SceneSpec, procs: number): RenderJob {
  const workers = workerCount(scene, procs);
  return { scene, procs, rowsPerTask: rowsPerTask(scene.height, workers), spans: spanPlan(scene.height, workers) };
}

/** A fresh assembler for the rows of `job`'s scene, arriving in any order. */
export function assemblerFor(job: RenderJob, source: string): RowAssembler {
  return new RowAssembler(job.scene.width, job.scene.height, source);
}
