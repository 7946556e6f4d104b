// The whole `render` command, timed from spawning `node` to its exit: what a
// user waits for, with nothing started or warmed ahead.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { StrategyName } from '../../raytracer/index.js';
import { childExecArgv } from '../peers/module-files.js';
import type { Contender, RenderJob } from './contender.js';

const ownExtension = import.meta.url.endsWith('.ts') ? '.ts' : '.js';
const CLI = new URL(`../../cli${ownExtension}`, import.meta.url);

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
    ...childExecArgv(CLI),
    fileURLToPath(CLI),
    'render',
    place.scenePath,
    ...['--width', String(job.scene.width), '--height', String(job.scene.height), '--seed', String(job.scene.seed)],
    ...['--procs', String(procs), '--strategy', strategy, '--quiet', '--out', out],
  ];
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
    run: () => runToExit(process.execPath, args),
    async lastImage() {
      // Loaded here, not with the command line: only the benchmark needs it.
      const { default: sharp } = await import('sharp');
      return new Uint8Array(await sharp(out).removeAlpha().raw().toBuffer());
    },
    close: async () => {},
  };
}

// Runs a command to its end; rejects with what it printed if it fails.
function runToExit(file: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.once('error', reject);
    child.once('close', (code, signal) => {
      if (code === 0) resolve();
      else reject(new Error(`The render command failed (${signal ?? `exit code ${code}`}): ${stderr.trim()}`));
    });
  });
}
