// A client that falls behind the queue's events stream: when the events of
// its jobs are trimmed before it reads them, its run fails with
// ERR_CLUSTER_EVENTS_LOST instead of waiting for ever; with the default cap
// the same lagging client gets every result.
import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, afterAll, expect, test } from 'vitest';
import { allGone, killAll, lineMatching, outcome, runScript, type ScriptResult } from '../helpers/processes.js';
import { describeWithRedis, startRedis, type RedisServer } from '../helpers/redis.js';
import { installPackage, startTestWorker, stopWorkers, type Installed, type TestWorker } from './cluster-workers.js';

const LAGGING_CLIENT = fileURLToPath(new URL('./fixtures/lagging-client.ts', import.meta.url));
const JOBS = 400;
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
  async function runLaggingClient(eventsMaxLen?: number): Promise<ScriptResult> {
    const client = runScript(LAGGING_CLIENT, [redis.url, redis.socket, String(JOBS), ...(eventsMaxLen ? [String(eventsMaxLen)] : [])]);
    const finished = outcome(client);
    try {
      await lineMatching(client, /^submitted$/);
      workers.push(await startTestWorker(installed, redis.url, 2));
      const result = await within(finished, DEADLINE_MS, client.pid!);
      expect(result.stdout, result.stderr).toContain('drained\n');
      return result;
    } finally {
      killAll([client.pid!]);
      await allGone([client.pid!]);
    }
  }

  test('events trimmed before the client read them: the run fails with ERR_CLUSTER_EVENTS_LOST, and no process stays', async () => {
    const { stdout, stderr, exitCode } = await runLaggingClient(10);
    const verdict = stdout.split('\n').find((line) => /^(resolved|rejected) /.test(line));
    expect(verdict, stderr).toMatch(/^rejected ERR_CLUSTER_EVENTS_LOST (\d+) jobs? of this run finished, but .* trimmed from the events stream pprocess:tasks:events \(kept to about 10 entries\)/);
    const lost = Number(/ERR_CLUSTER_EVENTS_LOST (\d+)/.exec(verdict!)![1]);
    expect(lost).toBeGreaterThan(0);
    expect(lost).toBeLessThanOrEqual(JOBS);
    expect(verdict).toContain('`inFlight`');
    expect(verdict).toContain('`eventsMaxLen`');
    expect(exitCode).toBe(0);
  }, 120_000);

  test('with the default cap, the same lagging client gets every result', async () => {
    const { stdout, stderr, exitCode } = await runLaggingClient();
    const verdict = stdout.split('\n').find((line) => /^(resolved|rejected) /.test(line));
    expect(verdict, stderr).toBe(`resolved ${JSON.stringify(Array.from({ length: JOBS }, (_, i) => i * i))}`);
    expect(exitCode).toBe(0);
  }, 120_000);
});
