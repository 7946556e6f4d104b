// render on a cluster end to end: workers installed apart from the client,
// one SIGKILLed mid-render, the image still that of a local render; Redis
// stopped mid-render gives a clear error, and workers leave no process.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, expect, test } from 'vitest';
import { renderOnCluster } from '../../src/cli/cluster-render.js';
import { ClusterError } from '../../src/pprocess/cluster/index.js';
import { parseScene, render, writeImage } from '../../src/raytracer/index.js';
import { allGone, descendantsOf, isAlive, repoRoot } from '../helpers/processes.js';
import { runCli } from '../cli/helpers.js';
import { describeWithRedis, startRedis, type RedisServer } from '../helpers/redis.js';
import { installPackage, startTestWorkers, stopWorkers, type Installed, type TestWorker } from './cluster-workers.js';
import { leftovers } from './redis-state.js';

const pygmy = JSON.parse(readFileSync(`${repoRoot}/scenes/pygmy.json`, 'utf8')) as Record<string, unknown>;

describeWithRedis('render on a cluster', () => {
  let installed: Installed;

  beforeAll(() => {
    installed = installPackage();
  }, 60_000);

  test('3 workers, one SIGKILLed mid-render: the image is the local one, no process remains, Redis holds nothing of the run', async () => {
    const redis = await startRedis();
    const workers: TestWorker[] = [];
    try {
      workers.push(...(await startTestWorkers(installed, redis.url, 3)));
      const scene = parseScene({ ...pygmy, width: 160, height: 120 });
      const victim = workers[1]!;
      const victimPids = [victim.pid, ...descendantsOf(victim.pid)];
      let killedAt: number | undefined;
      const image = await renderOnCluster(scene, redis.url, {
        rowsPerJob: 1,
        onRow: ({ done }) => {
          if (killedAt === undefined && done >= 20) {
            killedAt = done;
            victim.child.kill('SIGKILL');
          }
        },
      });
      expect(killedAt).toBe(20);
      const local = await render(scene, { procs: 2 });
      expect(Buffer.from(image.data).equals(Buffer.from(local.data))).toBe(true);
      // The killed worker's created processes end by themselves.
      await allGone(victimPids);
      expect(await victim.exited).toBe('SIGKILL');

      const client = await redis.client();
      try {
        expect(await leftovers(client)).toEqual({ keys: [], jobEvents: [] });
      } finally {
        client.disconnect();
      }
      await stopWorkers(workers);
      expect(workers.flatMap((w) => w.pids).filter(isAlive)).toEqual([]);
    } finally {
      await stopWorkers(workers).catch(() => undefined);
      await redis.dispose();
    }
  }, 60_000);

  test('render --cluster shows the same progress and writes the same image file as a local render', async () => {
    const redis = await startRedis();
    const workers: TestWorker[] = [];
    const dir = mkdtempSync(join(tmpdir(), 'pprocess-cluster-render-'));
    try {
      workers.push(...(await startTestWorkers(installed, redis.url, 2)));
      const size = ['--width', '96', '--height', '64'];
      const clustered = await runCli(['render', 'scenes/pygmy.json', ...size, '--cluster', redis.url, '--out', join(dir, 'cluster.png')], repoRoot);
      const [header, ...progress] = clustered.stderr.trimEnd().split('\n');
      expect(header).toBe(`Rendering scenes/pygmy.json: 96×64, cluster ${redis.url}`);
      // Plain progress lines (stderr is not a terminal), as a local render prints them.
      for (const line of progress) expect(line).toMatch(/^\d+\/64 rows \(\d+%\)  [\d.]+ rows\/s  elapsed \S.*$/);
      expect(clustered.stdout).toMatch(new RegExp(`^Rendered 96×64 with cluster ${redis.url} in .* rows/s\\): wrote .*cluster\\.png\n$`));
      expect(clustered.code).toBe(0);
      const local = await render(parseScene({ ...pygmy, width: 96, height: 64 }), { procs: 2 });
      await writeImage(local, join(dir, 'local.png'), 'png');
      expect(readFileSync(join(dir, 'cluster.png')).equals(readFileSync(join(dir, 'local.png')))).toBe(true);
    } finally {
      await stopWorkers(workers);
      await redis.dispose();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  test('Redis stopped mid-render: the render fails with ERR_CLUSTER_CONNECTION_LOST, and the workers exit leaving no process', async () => {
    const redis: RedisServer = await startRedis();
    const workers: TestWorker[] = [];
    try {
      workers.push(...(await startTestWorkers(installed, redis.url, 2)));
      const scene = parseScene({ ...pygmy, width: 160, height: 120 });
      let stopping: Promise<void> | undefined;
      const rendering = renderOnCluster(scene, redis.url, {
        rowsPerJob: 1,
        onRow: ({ done }) => {
          if (done >= 10) stopping ??= redis.stop();
        },
      });
      const error = await rendering.catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ClusterError);
      expect((error as ClusterError).code).toBe('ERR_CLUSTER_CONNECTION_LOST');
      expect((error as Error).message).toMatch(/Lost the connection to Redis at unix:\/\/.*redis\.sock/);
      await stopping;
      // Workers find Redis gone too: they exit with an error saying so.
      for (const worker of workers) {
        expect(await worker.exited).toBe(1);
        expect(worker.stderr()).toMatch(/Lost the connection to Redis/);
      }
      await allGone(workers.flatMap((w) => w.pids));
    } finally {
      await stopWorkers(workers).catch(() => undefined);
      await redis.dispose();
    }
  }, 60_000);
});
