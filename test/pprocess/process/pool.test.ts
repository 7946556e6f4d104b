// The creator's pool: created processes run one task after another, booted
// once; a process in an unknown state never runs another task.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { liveProcesses } from '../../../src/pprocess/process/registry.js';
import { Map as ParallelMap, makeParallel, pmap, prestart, Queue, start, task, waitall } from '../../../src/pprocess/index.js';
import { allGone, sleep } from '../../helpers/processes.js';

const tasks = new URL('../fixtures/tasks.ts', import.meta.url);
const countHere = makeParallel(tasks, 'countHere');
const preloaded = new URL('../fixtures/pool/preloaded.ts', import.meta.url);
const failsToLoad = new URL('../fixtures/pool/fails-to-load.ts', import.meta.url);

afterEach(async () => {
  await prestart(0);
});

describe('the process pool', () => {
  test('a task that ends gives its process back: the next runs there, its module state kept', async () => {
    const [first] = await pmap(countHere, [0], { limit: 1 }).toArray();
    const [second] = await pmap(countHere, [0], { limit: 1 }).toArray();
    expect(second![0]).toBe(first![0]);
    expect(second![1]).toBe(first![1] + 1);
  });

  test('maxTasksPerProcess: 1 gives every task a brand-new process', async () => {
    const results = await pmap(countHere, [0, 1, 2, 3], { limit: 2, maxTasksPerProcess: 1 }).toArray();
    expect(new Set(results.map(([pid]) => pid)).size).toBe(4);
    for (const [, count] of results) expect(count).toBe(1);
    await allGone(results.map(([pid]) => pid), 5000);
  });

  test('maxTasksPerProcess: n replaces a process after n tasks', async () => {
    const map = new ParallelMap<[number, number]>({ limit: 1, reuse: false, maxTasksPerProcess: 2 });
    for (let i = 0; i < 4; i++) await map.start(countHere, i);
    const results = await map.toArray();
    const pids = results.map(([pid]) => pid);
    expect(pids[0]).toBe(pids[1]);
    expect(pids[2]).toBe(pids[3]);
    expect(pids[2]).not.toBe(pids[0]);
  });

  test.each([
    ['is killed', { how: 'sigkill' as const, options: {} }],
    ['calls process.exit', { how: 'exit' as const, options: {} }],
    ['times out', { how: 'hang' as const, options: { timeoutMs: 300 } }],
  ])('a task whose process %s does not poison the pool: the next task runs on a new process', async (_what, { how, options }) => {
    // misbehave(i, bad = 1, how): only task 1 misbehaves.
    const failing = new ParallelMap<number>({ limit: 1, ...options });
    for (const i of [0, 1, 2]) await failing.start(makeParallel(tasks, 'misbehave'), i, 1, how);
    await expect(failing.get(1)).rejects.toMatchObject({ taskIndex: 1 });
    expect(await failing.get(0)).toBe(0);
    expect(await failing.get(2)).toBe(4);
  });

  test('an aborted task\'s process is not reused: it ends', async () => {
    const controller = new AbortController();
    const queue = new Queue<number>({ limit: 1, signal: controller.signal });
    await queue.start(task(tasks, 'pidThenHang'));
    const values = queue[Symbol.asyncIterator]();
    const pid = (await values.next()).value as number;
    controller.abort();
    await expect(values.next()).rejects.toMatchObject({ code: 'ABORT_ERR' });
    await allGone([pid], 5000);
  });

  test('a module that never finishes loading fails with ERR_START_TIMEOUT naming the phase', async () => {
    // Booted first, under the default bound: only the loading is timed at 500 ms.
    await prestart(1);
    process.env.PPROCESS_START_TIMEOUT_MS = '500';
    try {
      const never = makeParallel(new URL('../fixtures/pool/never-loads.ts', import.meta.url), 'never');
      const error = await pmap(never, [0], { limit: 1 }).get(0).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'ERR_START_TIMEOUT', phase: 'load', taskIndex: 0 });
    } finally {
      delete process.env.PPROCESS_START_TIMEOUT_MS;
    }
  });

  test('a process stopped while it boots fails its task with ERR_START_TIMEOUT naming the boot', async () => {
    process.env.PPROCESS_START_TIMEOUT_MS = '500';
    try {
      await prestart(0);
      const channel = start(task(tasks, 'echo'), 'never');
      // Stopped at once, long before it could have booted: it never says it is ready.
      process.kill(channel.pid, 'SIGSTOP');
      const error = await channel.receive().catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'ERR_START_TIMEOUT', phase: 'boot' });
      await allGone([channel.pid], 5000);
    } finally {
      delete process.env.PPROCESS_START_TIMEOUT_MS;
    }
  });

  test('prestart() boots processes that take on the environment and directory of the task\'s start', async () => {
    const before = new Set(liveProcesses().map((child) => child.pid));
    await prestart(2);
    const booted = liveProcesses().map((child) => child.pid!).filter((pid) => !before.has(pid));
    expect(booted).toHaveLength(2);
    const dir = mkdtempSync(join(tmpdir(), 'pprocess-pool-'));
    const cwd = process.cwd();
    process.env.PPROCESS_TEST_VALUE = 'set after the processes booted';
    process.chdir(dir);
    try {
      const channel = start(task(tasks, 'surroundings'), 'PPROCESS_TEST_VALUE');
      const seen = await channel.receive<{ pid: number; value: string; cwd: string }>();
      expect(booted).toContain(seen.pid);
      expect(seen.value).toBe('set after the processes booted');
      expect(seen.cwd).toBe(dir);
    } finally {
      process.chdir(cwd);
      delete process.env.PPROCESS_TEST_VALUE;
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('waitall() does not wait for idle processes; prestart(0) ends them', async () => {
    const channel = start(task(tasks, 'echo'), 'hello');
    expect(await channel.receive()).toBe('hello');
    await waitall();
    expect(liveProcesses().map((child) => child.pid)).toContain(channel.pid);
    await prestart(0);
    await allGone([channel.pid], 5000);
  });

  test.each([-1, 1.5, Number.NaN, 5000])('prestart() refuses count %s', async (count) => {
    await expect(prestart(count)).rejects.toThrow(RangeError);
  });

  test('prestart() with modules: each process imports them as it boots, once, and its tasks find them loaded', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pprocess-pool-'));
    const log = join(dir, 'imports.log');
    const importers = () => (existsSync(log) ? readFileSync(log, 'utf8').split('\n').filter(Boolean).map(Number) : []);
    process.env.PPROCESS_TEST_IMPORT_LOG = log;
    try {
      await prestart(2, { modules: [preloaded] });
      // No task has been given: each process imports the module of its own accord.
      const deadline = Date.now() + 10_000;
      while (importers().length < 2 && Date.now() < deadline) await sleep(20);
      const booted = importers();
      expect(booted).toHaveLength(2);
      const given = Date.now();
      const results = await pmap(makeParallel(preloaded, 'importedHere'), [0, 1], { limit: 2 }).toArray();
      for (const [pid, importedAt] of results) {
        expect(booted).toContain(pid);
        expect(importedAt).toBeLessThanOrEqual(given);
      }
      // The task's import found the module loaded: nobody imported it again.
      expect(importers()).toEqual(booted);
    } finally {
      delete process.env.PPROCESS_TEST_IMPORT_LOG;
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a module prestart() was asked to load that fails is reported by the task that needs it', async () => {
    await prestart(1, { modules: [failsToLoad] });
    const channel = start(task(failsToLoad, 'never'));
    await expect(channel.receive()).rejects.toMatchObject({ message: expect.stringContaining('this module cannot be loaded') });
  });

  test.each([
    ['not an array', 'file:///x.js', TypeError],
    ['a relative path', ['./worker.js'], TypeError],
  ])('prestart() refuses modules that are %s', async (_what, modules, kind) => {
    await expect(prestart(1, { modules: modules as string[] })).rejects.toThrow(kind);
  });

  test('prestart() refuses a refill that is not a boolean', async () => {
    await expect(prestart(1, { refill: 'no' as unknown as boolean })).rejects.toThrow(TypeError);
  });
});
