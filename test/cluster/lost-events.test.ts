// A client that falls behind the queue's events stream: when the events of
// its jobs are trimmed before it reads them, it reads their results from the
// finished jobs; where those are gone too, its run fails with
// ERR_CLUSTER_EVENTS_LOST instead of waiting for ever. With the default cap
// the same lagging client gets every result from the stream.
import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, afterAll, expect, test } from 'vitest';
import { allGone, killAll, lineMatching, outcome, runScript, type ScriptResult } from '../helpers/processes.js';
import { describeWithRedis, startRedis, type RedisServer } from '../helpers/redis.js';
import { installPackage, startTestWorker, stopWorkers, type Installed, type TestWorker } from './cluster-workers.js';
import { leftovers } from './redis-state.js';

const LAGGING_CLIENT = fileURLToPath(new URL('./fixtures/lagging-client.ts', import.meta.url));
const JOBS = 400;
const ALL_RESULTS = `resolved ${JSON.stringify(Array.from({ length: JOBS }, (_, i) => i * i))}`;
/** How long the lagging client may take, from its worker's start to its end; beyond it, it hangs. */
const DEADLINE_MS = 60_000;

// Waits for `finished`, failing (and killing `pid`) if it takes longer than `ms`.
async function within(finished: Promise<ScriptResult>, ms: number, pid: number): Promise<ScriptResult> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      killAll([pid]);
      reject(new Error(`the lagging client did not end within ${ms} ms: it hangs`));
    }, ms);
  });
  try {
    return await Promise.race([finished, late]);
  } finally {
    clearTimeout(timer);
  }
}

describeWithRedis('a client that falls behind the events stream', () => {
  let installed: Installed;
  let redis: RedisServer;
  let workers: TestWorker[] = [];

  beforeAll(async () => {
    installed = installPackage();
    redis = await startRedis();
  }, 60_000);

  afterEach(async () => {
    await stopWorkers(workers);
    workers = [];
  }, 30_000);

  afterAll(async () => {
    await redis?.dispose();
  });

  // Submits, then blocks its event loop until one worker has run every job.
  // Resolves with the client's verdict and how many entries the events stream held once every job was done.
  async function runLaggingClient(eventsMaxLen: number | 'default', removeFinished = false): Promise<{ verdict: string | undefined; streamLength: number }> {
    const client = runScript(LAGGING_CLIENT, [redis.url, redis.socket, String(JOBS), String(eventsMaxLen), ...(removeFinished ? ['remove-finished'] : [])]);
    const finished = outcome(client);
    try {
      await lineMatching(client, /^submitted$/);
      workers.push(await startTestWorker(installed, redis.url, 2));
      const result = await within(finished, DEADLINE_MS, client.pid!);
      const drained = /^drained (\d+)$/m.exec(result.stdout);
      expect(drained, result.stdout + result.stderr).not.toBeNull();
      expect(result.exitCode, result.stderr).toBe(0);
      return { verdict: result.stdout.split('\n').find((line) => /^(resolved|rejected) /.test(line)), streamLength: Number(drained![1]) };
    } finally {
      killAll([client.pid!]);
      await allGone([client.pid!]);
    }
  }

  // Nothing of a run may stay: no job, no event of its jobs.
  async function expectClean(): Promise<void> {
    const inspector = await redis.client();
    try {
      expect(await leftovers(inspector)).toEqual({ keys: [], jobEvents: [] });
    } finally {
      inspector.disconnect();
    }
  }

  test('events trimmed before the client read them: it reads the results from the finished jobs, and leaves nothing', async () => {
    const { verdict, streamLength } = await runLaggingClient(10);
    // Each job's completion added an event while the client was blocked: most were trimmed.
    expect(streamLength).toBeLessThan(JOBS);
    expect(verdict).toBe(ALL_RESULTS);
    await expectClean();
  }, 120_000);

  test('events trimmed and their jobs removed: the run fails with ERR_CLUSTER_EVENTS_LOST, never hangs, and no process stays', async () => {
    const { verdict, streamLength } = await runLaggingClient(10, true);
    expect(streamLength).toBeLessThan(JOBS);
    expect(verdict).toMatch(/^rejected ERR_CLUSTER_EVENTS_LOST (\d+) jobs? of this run finished, but their results are gone: their events were trimmed from the events stream pprocess:tasks:events \(kept to about 10 entries\)/);
    const lost = Number(/ERR_CLUSTER_EVENTS_LOST (\d+)/.exec(verdict!)![1]);
    expect(lost).toBeGreaterThan(0);
    expect(lost).toBeLessThanOrEqual(JOBS);
    expect(verdict).toContain('`inFlight`');
    expect(verdict).toContain('`eventsMaxLen`');
    await expectClean();
  }, 120_000);

  test('with the default cap, the same lagging client gets every result', async () => {
    const { verdict, streamLength } = await runLaggingClient('default');
    expect(streamLength).toBeGreaterThanOrEqual(JOBS);
    expect(verdict).toBe(ALL_RESULTS);
    await expectClean();
  }, 120_000);
});
