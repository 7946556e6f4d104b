// What `bench` does once its options are parsed: runs the render
// benchmark, prints the table (or the JSON), and writes bench.json and the
// chart.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeChart } from '../render-bench/chart.js';
import { runRenderBench } from '../render-bench/run-render-bench.js';
import { formatTable } from '../render-bench/table.js';
import { loadScene, parseScene } from '../raytracer/index.js';
import type { StrategyName } from '../raytracer/render/strategies/index.js';

/** The bench command's options, as parsed. */
export interface BenchCommandOptions {
  width?: number;
  height?: number;
  procs: number;
  repeat: number;
  strategies: StrategyName[];
  peers: boolean;
  cold: boolean;
  outDir: string;
  json?: boolean;
  quiet?: boolean;
}

/** Runs `bench` with parsed options; throws on failure (see `exitCodeFor`). */
export async function runBench(scenePath: string, options: BenchCommandOptions): Promise<void> {
  const loaded = await loadScene(scenePath);
  const scene = parseScene(
    { ...loaded, ...(options.width !== undefined && { width: options.width }), ...(options.height !== undefined && { height: options.height }) },
    scenePath,
  );
  const procs = Array.from({ length: Math.min(options.procs, scene.height) }, (_, i) => i + 1);
  await mkdir(options.outDir, { recursive: true });
  const workDir = await mkdtemp(join(tmpdir(), 'pprocess-bench-'));
  const log = options.quiet ? undefined : (line: string) => process.stderr.write(`${line}\n`);
  log?.(`Benchmarking ${scenePath} at ${scene.width}×${scene.height}: 1 to ${procs.length} processes, ${options.repeat} rounds`);
  try {
    const report = await runRenderBench({
      scene,
      scenePath,
      procs,
      repeat: options.repeat,
      strategies: options.strategies,
      peers: options.peers,
      cold: options.cold,
      workDir,
      log,
    });
    const paths = { json: join(options.outDir, 'bench.json'), svg: join(options.outDir, 'bench.svg'), png: join(options.outDir, 'bench.png') };
    await writeFile(paths.json, `${JSON.stringify(report, null, 2)}\n`);
    await writeChart(report, paths.svg, paths.png);
    if (options.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    else process.stdout.write(`${formatTable(report)}\nWrote ${paths.json}, ${paths.svg} and ${paths.png}\n`);
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}
