// The cluster benchmark run for real, compiled, at a tiny size: its workers
// (the built command line's `worker`) render the local map's pixels, every
// tiny task comes back, and the redis-server and workers it started end.
// No timings are asserted.
import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { runClusterBench } from '../../../bench/cluster/main.js';
import { parseScene } from '../../../src/raytracer/index.js';
import { repoRoot } from '../../helpers/processes.js';
import { describeWithRedis } from '../../helpers/redis.js';
import { waitForNoChildren } from '../helpers.js';

describeWithRedis('the cluster benchmark', () => {
  test('renders through 2 workers and locally with the same pixels, runs the tiny tasks, and leaves no process', async () => {
    const spec = JSON.parse(readFileSync(`${repoRoot}/scenes/pygmy.json`, 'utf8')) as Record<string, unknown>;
    const scene = parseScene({ ...spec, width: 24, height: 16 }, 'scenes/pygmy.json');
    const log: string[] = [];
    const report = await runClusterBench(scene, 1, 10, (line) => log.push(line));
    expect(report).toMatchObject({ kind: 'pprocess-cluster-bench', scene: { width: 24, height: 16 }, repeat: 1, render: { identicalPixels: true } });
    expect(report.render.localMapSeconds).toHaveLength(1);
    expect(report.render.clusterSeconds).toHaveLength(1);
    expect(report.render.ratio).toBeCloseTo(report.render.clusterMedian / report.render.localMedian, 12);
    expect(report.tiny.map((run) => [run.chunkSize, run.tasks])).toEqual([[1, 10], [100, 100]]);
    expect(log).toContain(`tiny tasks, chunks of 100: 100 in ${report.tiny[1]!.seconds.toFixed(2)} s`);
    expect(await waitForNoChildren()).toEqual([]);
  }, 120_000);
});
