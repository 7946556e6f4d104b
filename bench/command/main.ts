// The whole render command, benchmarked: prints a table of medians and the
// ratios between process counts, and writes <out-dir>/bench-command.json.
//
//   node bench-build/command/main.js [scene] [--width 3840] [--height 2160] [--procs 1,2] [--repeat 5] [--out-dir output] [--json]
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { getNumberOfCores, isMain } from 'pprocess';
import { loadScene, MAX_PROCS, MAX_SIZE, parseScene } from 'pprocess/raytracer';
// Not public API, so from dist/ by path: the `bench` command's interleaving and report.
import { MAX_REPEAT } from '../../dist/render-bench/interleave.js';
import { wholeNumberOption } from '../profile/tool-options.js';
import { describeMachine } from '../../dist/render-bench/report.js';
import { runCommandBench } from './command-bench.js';
import { formatCommandTable, type CommandBenchReport } from './command-table.js';

const PYGMY = fileURLToPath(new URL('../../scenes/pygmy.json', import.meta.url));

/** Runs the benchmark with command-line `args` (as `process.argv.slice(2)`). */
export async function main(args: readonly string[]): Promise<CommandBenchReport> {
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    options: {
      width: { type: 'string' },
      height: { type: 'string' },
      procs: { type: 'string' },
      repeat: { type: 'string', default: '5' },
      'out-dir': { type: 'string', default: 'output' },
      json: { type: 'boolean', default: false },
      quiet: { type: 'boolean', default: false },
    },
  });
  const scenePath = positionals[0] ?? PYGMY;
  const loaded = await loadScene(scenePath);
  const scene = parseScene({
    ...loaded,
    ...(values.width !== undefined && { width: wholeNumberOption('--width', values.width, 1, MAX_SIZE) }),
    ...(values.height !== undefined && { height: wholeNumberOption('--height', values.height, 1, MAX_SIZE) }),
  });
  const cores = getNumberOfCores();
  const procs = values.procs === undefined
    ? Array.from({ length: cores }, (_, i) => i + 1)
    : values.procs.split(',').map((p) => wholeNumberOption('--procs', p.trim(), 1, MAX_PROCS));
  const repeat = wholeNumberOption('--repeat', values.repeat, 1, MAX_REPEAT);
  const log = values.quiet ? undefined : (line: string) => process.stderr.write(`${line}\n`);
  const machine = describeMachine();
  log?.(`Whole render command on ${scenePath} at ${scene.width}×${scene.height}, ${repeat} rounds, load average ${machine.loadAverage.join(' ')}`);
  const workDir = await mkdtemp(join(tmpdir(), 'pprocess-command-bench-'));
  try {
    const results = await runCommandBench({ scene, scenePath, procs, repeat, workDir, log });
    const report: CommandBenchReport = {
      kind: 'pprocess-command-bench',
      version: 1,
      date: new Date().toISOString(),
      machine,
      loadAverageAfter: describeMachine().loadAverage,
      scene: { path: scenePath, width: scene.width, height: scene.height, seed: scene.seed },
      repeat,
      defaultProcs: cores,
      results,
    };
    await mkdir(values['out-dir'], { recursive: true });
    const json = join(values['out-dir'], 'bench-command.json');
    await writeFile(json, `${JSON.stringify(report, null, 2)}\n`);
    process.stdout.write(values.json ? `${JSON.stringify(report, null, 2)}\n` : `${formatCommandTable(report)}\nWrote ${json}\n`);
    return report;
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}

if (isMain(import.meta.url)) await main(process.argv.slice(2));
