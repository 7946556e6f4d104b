// pmap on a cluster: results in input order, remote exceptions at their own
// index, chunks, shared data sent once per worker process, compact bytes,
// time limits, cancellation, and modules a worker refuses.
import { mkdtempSync, rmSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { ClusterError, ClusterRemoteError, connectCluster, remoteTask, type Cluster } from '../../src/pprocess/cluster/index.js';
import { packText } from '../../src/pprocess/cluster/wire.js';
import { AbortError, RemoteError } from '../../src/pprocess/index.js';
import { describeWithRedis, startRedis, type RedisServer } from '../helpers/redis.js';
import { FIXTURE_TASKS, installPackage, startTestWorkers, stopWorkers, type TestWorker } from './cluster-workers.js';
import { leftovers } from './redis-state.js';

const square = remoteTask(FIXTURE_TASKS, 'square');

// Polls `check` until it gives true, for up to `timeoutMs`.
async function eventually(check: () => Promise<boolean>, what: string | (() => Promise<string>), timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms: ${typeof what === 'string' ? what : await what()}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describeWithRedis('pmap on a cluster', () => {
  let redis: RedisServer;
  let workers: TestWorker[];
  let cluster: Cluster;
  let inspector: Redis;

  beforeAll(async () => {
    const installed = installPackage();
    redis = await startRedis();
    workers = await startTestWorkers(installed, redis.url, 2, 2);
    cluster = await connectCluster(redis.url);
    inspector = await redis.client();
  }, 60_000);

  afterAll(async () => {
    inspector?.disconnect();
    await cluster?.close();
    if (workers) await stopWorkers(workers);
    await redis?.dispose();
  }, 30_000);

  const isClean = async () => {
    const left = await leftovers(inspector);
    return left.keys.length === 0 && left.jobEvents.length === 0;
  };

  test('results come in input order, with and without chunks, and leave nothing in Redis', async () => {
    const numbers = Array.from({ length: 40 }, (_, i) => i);
    const expected = numbers.map((n) => n * n);
    expect(await cluster.pmap(square, numbers).toArray()).toEqual(expected);
    expect(await cluster.pmap(square, numbers, { chunkSize: 7 }).toArray()).toEqual(expected);
    expect(await leftovers(inspector)).toEqual({ keys: [], jobEvents: [] });
    // The events stream is capped (streams.events.maxLen), whatever other runs leave in it.
    expect(await inspector.hget('pprocess:tasks:meta', 'opts.maxLenEvents')).toBe('10000');
  });

  test('a remote exception is a RemoteError naming host and pid, at its own index; the others still arrive', async () => {
    const results = cluster.pmap(remoteTask(FIXTURE_TASKS, 'squareButThree'), [1, 2, 3, 4, 5], { chunkSize: 2 });
    expect(await results.get(1)).toBe(4);
    const error = await results.get(2).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ClusterRemoteError);
    expect(error).toBeInstanceOf(RemoteError);
    const remote = error as ClusterRemoteError;
    expect([remote.code, remote.remoteName, remote.taskIndex, remote.host]).toEqual(['ERR_THREE', 'RangeError', 2, hostname()]);
    expect(workers.flatMap((w) => w.pids)).toContain(remote.pid);
    expect(remote.stack).toContain(`(in process ${remote.pid} on ${hostname()})`);
    expect(await results.get(3)).toBe(16);
    await expect(results.toArray()).rejects.toMatchObject({ code: 'ERR_THREE', taskIndex: 2 });
    await eventually(isClean, 'Redis holds nothing of the run');
  });

  test('partial data is stored once and reaches each worker process once', async () => {
    const bytes = new Uint8Array(200_000).fill(7);
    const results = await cluster.pmap<number, { before: boolean; size: number; pid: number }>(
      remoteTask(FIXTURE_TASKS, 'sameShared', { bytes }), Array.from({ length: 24 }, (_, i) => i),
    ).toArray();
    expect(results.every((r) => r.size === bytes.length)).toBe(true);
    const pids = new Set(results.map((r) => r.pid));
    // Each process saw a new object only the first time: the data came once.
    for (const pid of pids) expect(results.filter((r) => r.pid === pid && !r.before)).toHaveLength(1);
    expect(await leftovers(inspector)).toEqual({ keys: [], jobEvents: [] });
  });

  test('bytes travel compactly, and closing the map removes its waiting jobs', async () => {
    // A queue no worker serves, so the job stays to be looked at.
    const idle = await connectCluster(redis.url, { queue: 'idle' });
    try {
      const bytes = new Uint8Array(30_000).map((_, i) => i & 255);
      const results = idle.pmap(remoteTask(FIXTURE_TASKS, 'increment'), [bytes]);
      let data: string | null = null;
      await eventually(async () => {
        const [key] = await inspector.keys('pprocess:idle:*-0');
        data = key ? await inspector.hget(key, 'data') : null;
        return data !== null;
      }, 'the job is in Redis');
      expect(data!.length).toBeLessThan(bytes.length * 1.5);
      await results.close();
      expect(await inspector.keys('pprocess:idle:*-0')).toEqual([]);
      await expect(results.get(0)).rejects.toBeInstanceOf(AbortError);
    } finally {
      await idle.close();
    }
    const [back] = await cluster.pmap<Uint8Array, Uint8Array>(remoteTask(FIXTURE_TASKS, 'increment'), [new Uint8Array([1, 2, 255])]).toArray();
    expect(back).toEqual(new Uint8Array([2, 3, 0]));
  });

  test('timeoutMs kills an overrunning task; after its retries it fails with ERR_TIMEOUT at its index', async () => {
    const results = cluster.pmap(remoteTask(FIXTURE_TASKS, 'sleep'), [10, 60_000, 20], { timeoutMs: 400, retries: 1 });
    expect(await results.get(0)).toBe(10);
    await expect(results.get(1)).rejects.toMatchObject({ code: 'ERR_TIMEOUT', taskIndex: 1 });
    expect(await results.get(2)).toBe(20);
    // The workers replaced the killed process and go on working.
    expect(await cluster.pmap(square, [3]).toArray()).toEqual([9]);
  });

  test('retries re-run a job whose process died; without them it fails with ERR_PROCESS_EXIT at its index', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pprocess-die-once-'));
    try {
      const dieOnce = remoteTask(FIXTURE_TASKS, 'dieOnce');
      expect(await cluster.pmap(dieOnce, [join(dir, 'a')], { retries: 1 }).toArray()).toEqual(['survived']);
      const error = await cluster.pmap(dieOnce, [join(dir, 'a'), join(dir, 'b')]).toArray().catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'ERR_PROCESS_EXIT', taskIndex: 1 });
      expect((error as Error).message).toMatch(/Task 1 failed on the cluster: process \d+ ended while running the job/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('an AbortSignal rejects with an AbortError and the outstanding jobs leave Redis', async () => {
    const controller = new AbortController();
    const results = cluster.pmap(remoteTask(FIXTURE_TASKS, 'sleep'), Array.from({ length: 30 }, () => 100), { signal: controller.signal });
    expect(await results.get(0)).toBe(100);
    controller.abort();
    const error = await results.toArray().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AbortError);
    expect((error as AbortError).code).toBe('ABORT_ERR');
    // Waiting jobs go at once; those already running go when they finish.
    await eventually(async () => (await leftovers(inspector)).keys.length === 0, async () => `no job of the run is left: ${JSON.stringify(await leftovers(inspector))}`);
  });

  test.each([
    ['a built-in module', 'node:child_process', 'execSync'],
    ['a path out of the package', 'pprocess/../../../etc/passwd', 'x'],
    ['a module of another package', 'zod/index.js', 'parse'],
    ['a file that is not allowed', '/etc/hostname', 'x'],
  ])('%s is refused with ERR_CLUSTER_FORBIDDEN_TASK, and not retried', async (_what, module, exportName) => {
    const results = cluster.pmap(remoteTask(module, exportName), [['id']], { retries: 3 });
    const error = await results.get(0).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ClusterError);
    expect(error).toMatchObject({ code: 'ERR_CLUSTER_FORBIDDEN_TASK', taskIndex: 0 });
    expect((error as Error).message).toContain(`Refused to run ${module}#${exportName}`);
  });

  test('a refused job fails on its first attempt of several', async () => {
    const queue = new Queue('tasks', { connection: await redis.client(), prefix: 'pprocess' });
    try {
      const job = await queue.add('execSync', {
        v: 1, task: { module: 'node:child_process', exportName: 'execSync' }, elements: packText([['id']]),
      }, { jobId: 'refused-1', attempts: 3, backoff: { type: 'fixed', delay: 10 } });
      await eventually(async () => (await job.getState()) === 'failed', 'the job failed');
      const failed = (await queue.getJob('refused-1'))!;
      expect(failed.attemptsMade).toBe(1);
      expect(failed.failedReason).toMatch(/^ERR_CLUSTER_FORBIDDEN_TASK: Refused to run node:child_process#execSync/);
      await failed.remove();
    } finally {
      await queue.close();
    }
  });
});
