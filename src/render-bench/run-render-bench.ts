// The render benchmark: every contender renders the same scene in one run,
// repeats interleaved (A B C, B C A, ...) after a discarded warm-up round,
// every image checked against the serial one.
import type { SceneSpec, StrategyName } from '../raytracer/index.js';
import { assertSamePixels } from './errors.js';
import { loadPeer } from './peers/load-peer.js';
import { piscinaContender, workerpoolContender, type PiscinaModule, type WorkerpoolModule } from './peers/peer-contenders.js';
import { interleave, type Trial } from './interleave.js';
import { coldContender } from './cold-contender.js';
import { renderJob, type Contender } from './contender.js';
import { mapPoolContender, pipelinedContender, strategyContender } from './pprocess-contenders.js';
import { deriveResults, describeMachine, type Measured, type RenderBenchReport } from './report.js';
import { serialContender } from './serial-contender.js';

/** What to measure. */
export interface RenderBenchOptions {
  /** The validated scene, with the benchmark's size. */
  readonly scene: SceneSpec;
  /** Its file, for the report and the whole-command runs. */
  readonly scenePath: string;
  /** The numbers of processes to measure (each contender but serial runs once per number). */
  readonly procs: readonly number[];
  /** Timed rounds. */
  readonly repeat: number;
  /** The pprocess strategies to run through `render()`. */
  readonly strategies: readonly StrategyName[];
  /** Whether to measure piscina and workerpool (when installed). */
  readonly peers: boolean;
  /** Whether to time the whole `render` command too. */
  readonly cold: boolean;
  /** Where the whole-command runs write their images. */
  readonly workDir: string;
  /** Receives a line of progress now and then. */
  readonly log?: (line: string) => void;
}

/** Runs the render benchmark and returns its report. */
export async function runRenderBench(options: RenderBenchOptions): Promise<RenderBenchReport> {
  const { scene, scenePath, procs, repeat, log = () => {} } = options;
  const piscina = options.peers ? await loadPeer<PiscinaModule>('piscina') : undefined;
  const workerpool = options.peers ? await loadPeer<WorkerpoolModule>('workerpool') : undefined;
  const contenders = buildContenders(options, piscina?.module, workerpool?.module);
  const reference = contenders[0]!;
  const trials: Trial[] = contenders.map((contender) => ({
    name: `${contender.name.padEnd(26)} ${String(contender.procs).padStart(3)}`,
    prepare: () => contender.prepare(),
    run: () => contender.run(),
    // Every image, every time, against the serial one (the first contender's).
    check: async () => assertSamePixels(`${contender.name} (${contender.procs})`, await reference.lastImage(), await contender.lastImage()),
    close: () => contender.close(),
  }));
  const seconds = await interleave(trials, { repeat, log });
  const measured: Measured[] = contenders.map((contender, i) => ({ contender, seconds: seconds[i]! }));
  return {
    kind: 'pprocess-render-bench',
    version: 1,
    date: new Date().toISOString(),
    machine: describeMachine(),
    scene: { path: scenePath, width: scene.width, height: scene.height, seed: scene.seed },
    repeat,
    rowsPerTask: Object.fromEntries(procs.map((p) => [String(p), renderJob(scene, p).rowsPerTask])),
    peers: { piscina: piscina?.version ?? null, workerpool: workerpool?.version ?? null },
    identicalPixels: true,
    results: deriveResults(measured),
  };
}

// Serial first (its image is the reference), then per number of processes
// pprocess's pool, its strategies and the peers; the whole commands last.
function buildContenders(options: RenderBenchOptions, piscina?: PiscinaModule, workerpool?: WorkerpoolModule): Contender[] {
  const { scene, procs, strategies } = options;
  const contenders: Contender[] = [serialContender(renderJob(scene, 1))];
  for (const p of procs) {
    const job = renderJob(scene, p);
    contenders.push(mapPoolContender(job), pipelinedContender(job));
    for (const strategy of strategies) contenders.push(strategyContender(job, strategy));
    if (piscina) contenders.push(piscinaContender(job, piscina));
    if (workerpool) contenders.push(workerpoolContender(job, workerpool));
  }
  if (options.cold) {
    const place = { scenePath: options.scenePath, workDir: options.workDir };
    contenders.push(coldContender(renderJob(scene, 1), 'serial', place));
    for (const p of procs) contenders.push(coldContender(renderJob(scene, p), 'map', place));
  }
  return contenders;
}
