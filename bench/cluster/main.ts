// The cluster benchmark, in one run: a render through the cluster (2 local
// workers of concurrency 1, on an ephemeral redis-server) against the local
// `map` strategy with 2 processes, interleaved; then tiny-task throughput
// through the cluster with and without chunks. Skips, saying why, where
// redis-server is missing.
//
//   node bench-build/cluster/main.js [scene] [--width 3840] [--height 2160] [--repeat 3] [--tasks 2000] [--json]
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { connectCluster } from 'pprocess/cluster';
import { isMain, makeParallel } from 'pprocess';
import { parseScene, render, type SceneSpec } from 'pprocess/raytracer';
// Not public API, so from dist/ by path: the command line's cluster render and the `bench`
// command's pixel check, interleaving, report and statistics.
import { renderOnCluster } from '../../dist/cli/cluster-render.js';
import { assertSamePixels } from '../../dist/render-bench/errors.js';
import { interleave } from '../../dist/render-bench/interleave.js';
import { describeMachine } from '../../dist/render-bench/report.js';
import { median } from '../../dist/render-bench/stats.js';
import { startBenchWorkers } from './bench-workers.js';
import { hasRedisServer, INSTALL_HINT, startRedisServer } from './redis-server.js';
import { addOne, TINY_TASK_URL } from './tiny-task.js';

const DEFAULT_SCENE = fileURLToPath(new URL('../../scenes/pygmy.json', import.meta.url));
/** Processes on each side: 2 local processes, or 2 workers of concurrency 1. */
const PROCS = 2;

/** Runs the benchmark and resolves with its report. */
export async function runClusterBench(scene: SceneSpec, repeat: number, tasks: number, log: (line: string) => void) {
  const redis = await startRedisServer();
  const cluster = await connectCluster(redis.url);
  const workers = await startBenchWorkers(cluster, redis.url, PROCS, 1);
  try {
    let local: Uint8Array | undefined;
    let remote: Uint8Array | undefined;
    const [localRuns, clusterRuns] = await interleave([
      { name: `local map, ${PROCS} processes`, run: async () => void (local = (await render(scene, { strategy: 'map', procs: PROCS })).data) },
      {
        name: `cluster, ${PROCS} workers × 1`,
        run: async () => void (remote = (await renderOnCluster(scene, redis.url)).data),
        check: async () => assertSamePixels('the cluster render', local!, remote!),
      },
    ], { repeat, log });
    const tiny = [];
    for (const chunkSize of [1, 100]) {
      const inputs = Array.from({ length: chunkSize === 1 ? tasks : tasks * 10 }, (_, i) => i);
      const started = performance.now();
      const results = await cluster.pmap<number, number>(makeParallel(TINY_TASK_URL, addOne), inputs, { chunkSize }).toArray();
      const seconds = (performance.now() - started) / 1000;
      if (results.some((value, i) => value !== i + 1)) throw new Error('tiny tasks gave wrong results');
      tiny.push({ chunkSize, tasks: inputs.length, seconds, tasksPerSecond: inputs.length / seconds, jobsPerSecond: Math.ceil(inputs.length / chunkSize) / seconds });
      log(`tiny tasks, chunks of ${chunkSize}: ${inputs.length} in ${seconds.toFixed(2)} s`);
    }
    const localS = median(localRuns!);
    const clusterS = median(clusterRuns!);
    return {
      kind: 'pprocess-cluster-bench',
      version: 1,
      date: new Date().toISOString(),
      machine: describeMachine(),
      scene: { width: scene.width, height: scene.height, seed: scene.seed },
      repeat,
      render: { localMapSeconds: localRuns, clusterSeconds: clusterRuns, localMedian: localS, clusterMedian: clusterS, ratio: clusterS / localS, identicalPixels: true },
      tiny,
    };
  } finally {
    await workers.stop();
    await cluster.close();
    await redis.dispose();
  }
}

if (isMain(import.meta.url)) {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      width: { type: 'string', default: '3840' },
      height: { type: 'string', default: '2160' },
      repeat: { type: 'string', default: '3' },
      tasks: { type: 'string', default: '2000' },
      json: { type: 'boolean', default: false },
    },
  });
  if (!hasRedisServer()) {
    process.stdout.write(`Cluster benchmark skipped: redis-server is missing; ${INSTALL_HINT}\n`);
  } else {
    const path = positionals[0] ?? DEFAULT_SCENE;
    const whole = (name: string, text: string) => {
      const n = Number(text);
      if (!Number.isInteger(n) || n < 1) throw new RangeError(`--${name} must be a whole number ≥ 1, got ${text}`);
      return n;
    };
    const scene = parseScene({ ...JSON.parse(await readFile(path, 'utf8')), width: whole('width', values.width), height: whole('height', values.height) }, path);
    const report = await runClusterBench(scene, whole('repeat', values.repeat), whole('tasks', values.tasks), (line) => process.stderr.write(`${line}\n`));
    if (values.json) {
      process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    } else {
      const r = report.render;
      process.stdout.write(`Render ${scene.width}×${scene.height} (${path}), median of ${report.repeat}:\n`);
      process.stdout.write(`  local map, ${PROCS} processes     ${r.localMedian.toFixed(2)} s\n`);
      process.stdout.write(`  cluster, ${PROCS} workers × 1     ${r.clusterMedian.toFixed(2)} s   ratio ${r.ratio.toFixed(3)} (target ≤ 1.15), identical pixels\n`);
      for (const t of report.tiny) {
        process.stdout.write(`Tiny tasks, chunks of ${String(t.chunkSize).padEnd(3)} ${t.tasks} tasks in ${t.seconds.toFixed(2)} s: ${t.tasksPerSecond.toFixed(0)} tasks/s, ${t.jobsPerSecond.toFixed(0)} jobs/s\n`);
      }
    }
  }
}
