// Timeouts, cancellation and retries of the work in an exchange.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import {
  AbortError, makeParallel, Map as ParallelMap, pmap, ProcessExitError, Queue, task, TimeoutError,
} from '../../src/pprocess/index.js';
import { allGone, isAlive } from '../helpers/processes.js';

const tasks = new URL('../pprocess/fixtures/tasks.ts', import.meta.url);
const dir = mkdtempSync(join(tmpdir(), 'pprocess-supervision-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('timeoutMs', () => {
  test('kills a task that runs too long and fails it with TimeoutError', async () => {
    const map = new ParallelMap<number>({ limit: 2, timeoutMs: 1000 });
    await map.start(makeParallel(tasks, 'slowDouble'), 1, 0);
    await map.start(makeParallel(tasks, 'slowDouble'), 2, 60_000);
    expect(await map.get(0)).toBe(2);
    const error = await map.get(1).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toMatchObject({ code: 'ERR_TIMEOUT', taskIndex: 1, timeoutMs: 1000 });
    await allGone([(error as TimeoutError).pid], 2000);
  });

  test('does not count the time a task spends queued', async () => {
    // One at a time: the last task waits in the queue far longer than the limit.
    const results = await pmap(makeParallel(tasks, 'slowDouble'), [0, 1, 2, 3], { limit: 1, timeoutMs: 5000 }).toArray();
    expect(results).toEqual([0, 2, 4, 6]);
  });
});

describe('signal', () => {
  test('cancels pmap: queued work dropped, running processes told and ended, AbortError raised', async () => {
    const controller = new AbortController();
    const marker = join(dir, 'cancelled');
    const map = new ParallelMap<number>({ limit: 1, signal: controller.signal });
    await map.start(task(tasks, 'cancellable'), marker);
    await map.start(makeParallel(tasks, 'double'), 1);
    await map.start(makeParallel(tasks, 'double'), 2);
    const pid = await map.get(0);
    expect(isAlive(pid)).toBe(true);
    controller.abort(new Error('user pressed stop'));
    const error = await map.get(1).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AbortError);
    expect(error).toMatchObject({ code: 'ABORT_ERR' });
    await allGone([pid], 3000);
    expect(readFileSync(marker, 'utf8')).toContain('user pressed stop');
    // Task 2 was still queued: it never ran.
    await expect(map.get(2)).rejects.toBeInstanceOf(AbortError);
    // Every process it had running ends: the cancelled one, and the one that
    // may have taken task 1 once task 0 had sent its value.
    await allGone(map.active().map((channel) => channel.pid), 3000);
    await expect(map.toArray()).rejects.toBeInstanceOf(AbortError);
  });

  test('cancels a Queue being iterated and Exchange.finish()', async () => {
    const controller = new AbortController();
    const queue = new Queue({ limit: 2, signal: controller.signal });
    await queue.start(makeParallel(tasks, 'slowDouble'), 1, 60_000);
    setTimeout(() => controller.abort(), 300);
    const iterate = async () => {
      for await (const value of queue) void value;
    };
    await expect(iterate()).rejects.toBeInstanceOf(AbortError);
    await expect(queue.finish()).rejects.toBeInstanceOf(AbortError);
  });

  test('an already aborted signal starts nothing', async () => {
    const map = pmap(makeParallel(tasks, 'double'), [1, 2], { signal: AbortSignal.abort() });
    expect(map.active()).toEqual([]);
    await expect(map.toArray()).rejects.toBeInstanceOf(AbortError);
  });
});

describe('retries', () => {
  test('with reuse, a dead process is replaced and its task re-run', async () => {
    const work = join(dir, 'retry');
    rmSync(work, { recursive: true, force: true });
    (await import('node:fs')).mkdirSync(work);
    const items = [0, 1, 2, 3, 4, 5];
    const map = new ParallelMap<[number, number]>({ limit: 2, reuse: true, retries: 1 });
    for (const i of items) await map.start(makeParallel(tasks, 'dieOnce'), i, 2, work);
    const values = await map.toArray();
    expect(values.map(([i]) => i)).toEqual(items);
    const crashedPid = Number(readFileSync(join(work, 'crashed-2'), 'utf8'));
    expect(values[2]![1]).not.toBe(crashedPid);
  });

  test('without retries, the dead task fails clearly and the rest complete', async () => {
    const work = join(dir, 'no-retry');
    (await import('node:fs')).mkdirSync(work, { recursive: true });
    const map = new ParallelMap<[number, number]>({ limit: 2, reuse: true });
    for (const i of [0, 1, 2, 3]) await map.start(makeParallel(tasks, 'dieOnce'), i, 1, work);
    const error = await map.get(1).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProcessExitError);
    expect(error).toMatchObject({ signal: 'SIGKILL', taskIndex: 1 });
    expect((await map.get(3))[0]).toBe(3);
    await expect(map.toArray()).rejects.toBe(error);
  });
});

