// The render command as a whole, side by side in one run: the in-process
// tracer, the serial command, the map strategy on 1 to N processes, the
// command given no options, N serial commands at once and a bare node,
// interleaved, every image checked against the in-process render.
// N serial commands at once are the machine's own ceiling: N unrelated
// processes gain no more than this over one, whatever the library does. A
// bare node is what any command pays before its first line runs. Reports
// wall and processor time, and the command's serial part: how long until
// the first row arrived, and from the last row to the file written.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { getNumberOfCores } from 'pprocess';
import { render, type SceneSpec } from 'pprocess/raytracer';
// Not public API, so from dist/ by path: the `bench` command's pixel check, interleaving,
// statistics and command runs.
import { assertSamePixels } from '../../dist/render-bench/errors.js';
import { interleave } from '../../dist/render-bench/interleave.js';
import { summarize, type Summary } from '../../dist/render-bench/stats.js';
import { runRenderCommand } from '../../dist/render-bench/command-run.js';

/** The contender that runs one serial command per process at once: the machine's ceiling. */
export const SERIAL_AT_ONCE = 'serial commands at once';

/** The contender that renders in this process, warm. */
const TRACER = 'tracer, in process';

/** The contender that starts node with nothing to do. */
export const BARE_NODE = 'node -e 0';

/** What to measure. */
export interface CommandBenchOptions {
  readonly scene: SceneSpec;
  readonly scenePath: string;
  /** The numbers of processes for the map strategy. */
  readonly procs: readonly number[];
  readonly repeat: number;
  /** Where the commands write their images. */
  readonly workDir: string;
  readonly log?: (line: string) => void;
}

/** One contender's medians (milliseconds; `null` where not measured). */
export interface CommandResult {
  readonly name: string;
  readonly procs: number;
  readonly wall: Summary;
  readonly cpu: Summary | null;
  /** From the command's start to its first row. */
  readonly firstRow: Summary | null;
  /** From its last row to the image written. */
  readonly lastRowToFile: Summary | null;
}

interface Samples {
  wall: number[];
  cpu: number[];
  firstRow: number[];
  lastRowToFile: number[];
}

/** Runs the benchmark; resolves with each contender's summaries, in the order run. */
export async function runCommandBench(options: CommandBenchOptions): Promise<CommandResult[]> {
  const { scene, scenePath, procs, repeat, workDir, log } = options;
  const size = ['--width', String(scene.width), '--height', String(scene.height), '--seed', String(scene.seed)];
  const reference = (await render(scene, { strategy: 'serial' })).data;
  const most = Math.max(...procs);
  const commands: { name: string; procs: number; args: string[]; copies?: number }[] = [
    { name: 'render command, serial', procs: 1, args: ['--strategy', 'serial', '--procs', '1'] },
    ...procs.map((p) => ({ name: 'render command, map', procs: p, args: ['--strategy', 'map', '--procs', String(p)] })),
    // As a user runs it: the command chooses (all cores, or its own process for a small image).
    { name: 'render command, no options', procs: getNumberOfCores(), args: [] },
    ...(most > 1 ? [{ name: SERIAL_AT_ONCE, procs: most, args: ['--strategy', 'serial', '--procs', '1'], copies: most }] : []),
  ];
  const samples = [...commands, undefined, undefined].map((): Samples => ({ wall: [], cpu: [], firstRow: [], lastRowToFile: [] }));
  const [tracer, bareNode] = samples.slice(-2) as [Samples, Samples];
  const trials = commands.map((command, i) => {
    const copies = command.copies ?? 1;
    const outs = Array.from({ length: copies }, (_, copy) => join(workDir, `command-${i}-${copy}.tiff`));
    return {
      name: `${command.name} ${command.procs}`,
      async run() {
        const started = performance.now();
        const runs = await Promise.all(outs.map((out) => runRenderCommand([scenePath, ...size, ...command.args, '--quiet', '--out', out])));
        const s = samples[i]!;
        if (copies > 1) {
          // Until the last of them is done; their processor time added up.
          s.wall.push(performance.now() - started);
          if (runs.every((run) => run.timings.cpuMs !== null)) s.cpu.push(runs.reduce((sum, run) => sum + run.timings.cpuMs!, 0));
          return;
        }
        const { wallMs, timings } = runs[0]!;
        s.wall.push(wallMs);
        if (timings.cpuMs !== null) s.cpu.push(timings.cpuMs);
        s.firstRow.push(timings.firstRow);
        s.lastRowToFile.push(timings.written - timings.lastRow);
      },
      async check() {
        const { default: sharp } = await import('sharp');
        for (const out of outs) {
          assertSamePixels(`${command.name} (${command.procs})`, reference, new Uint8Array(await sharp(out).raw().toBuffer()));
        }
      },
    };
  });
  let image: Uint8Array | undefined;
  trials.push({
    name: TRACER,
    async run() {
      const cpu = process.cpuUsage();
      const started = performance.now();
      image = (await render(scene, { strategy: 'serial' })).data;
      tracer.wall.push(performance.now() - started);
      const used = process.cpuUsage(cpu);
      tracer.cpu.push((used.user + used.system) / 1000);
    },
    check: async () => assertSamePixels(TRACER, reference, image!),
  });
  // What any command pays before its first line runs, on this machine in this minute.
  trials.push({
    name: BARE_NODE,
    async run() {
      const started = performance.now();
      const child = spawn(process.execPath, ['-e', '0'], { stdio: 'ignore' });
      const [code] = (await once(child, 'exit')) as [number | null];
      if (code !== 0) throw new Error(`node -e 0 exited with ${code}`);
      bareNode.wall.push(performance.now() - started);
    },
    check: async () => {},
  });
  await interleave(trials, { repeat, log });
  // The first sample of each is the warm-up round's.
  const summary = (values: number[]) => (values.length > 1 ? summarize(values.slice(1)) : null);
  const names = [...commands, { name: TRACER, procs: 1 }, { name: BARE_NODE, procs: 1 }];
  return names.map(({ name, procs: p }, i) => {
    const s = samples[i]!;
    return { name, procs: p, wall: summary(s.wall)!, cpu: summary(s.cpu), firstRow: summary(s.firstRow), lastRowToFile: summary(s.lastRowToFile) };
  });
}
