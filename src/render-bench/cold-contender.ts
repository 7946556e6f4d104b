// The whole `render` command, timed from spawning `node` to its exit: what a
// user waits for, with nothing started or warmed ahead.
import { join } from 'node:path';
import type { StrategyName } from '../raytracer/index.js';
import { runRenderCommand } from './command-run.js';
import type { Contender, RenderJob } from './contender.js';

/** Where the scene comes from and where the command may write its image. */
export interface ColdRunPlace {
  /** The scene file given to the benchmark. */
  readonly scenePath: string;
  /** A directory for the images the runs write. */
  readonly workDir: string;
}

/** `render <scene> --procs N --strategy S` as a new process, with the benchmark's size. */
export function coldContender(job: RenderJob, strategy: StrategyName, place: ColdRunPlace): Contender {
  const procs = strategy === 'serial' ? 1 : job.procs;
  const out = join(place.workDir, `cold-${strategy}-${procs}.tiff`);
  const args = [
    place.scenePath,
    ...['--width', String(job.scene.width), '--height', String(job.scene.height), '--seed', String(job.scene.seed)],
    ...['--procs', String(procs), '--strategy', strategy, '--quiet', '--out', out],
  ];
  const toFirstRow: number[] = [];
  const lastRowToFile: number[] = [];
  return {
    id: `cold-${strategy}-${procs}`,
    name: `render command, ${strategy}`,
    family: strategy === 'serial' ? 'serial' : 'pprocess',
    strategy,
    procs,
    cold: true,
    includes:
      'the whole render command in a new node, as a user runs it: starting node, loading the code, starting the ' +
      'processes, warming up, the rows, writing the TIFF, exiting',
    prepare: async () => {},
    async run() {
      const { timings } = await runRenderCommand(args);
      toFirstRow.push(timings.firstRow / 1000);
      lastRowToFile.push((timings.written - timings.lastRow) / 1000);
    },
    serialParts: () => ({ toFirstRow, lastRowToFile }),
    async lastImage() {
      // Loaded here, not with the command line: only the benchmark needs it.
      const { default: sharp } = await import('sharp');
      return new Uint8Array(await sharp(out).removeAlpha().raw().toBuffer());
    },
    close: async () => {},
  };
}
