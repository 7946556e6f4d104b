import { describe, expect, test } from 'vitest';
import {
  getNumberOfCores, makeParallel, makeReusable, Map as ParallelMap, pmap, ProcessExitError, Queue, RemoteError, start, task,
} from '../../../src/pprocess/index.js';

const tasks = new URL('../fixtures/tasks.ts', import.meta.url);

describe('Queue', () => {
  test('yields values in the order they arrive', async () => {
    const queue = new Queue<number>({ limit: 3 });
    const channels = [[0, 600], [1, 300], [2, 0]].map(([i, delay]) => start(task(tasks, 'sendAfterBarrier'), i!, delay!));
    channels.forEach((channel) => queue.add(channel));
    // Once all have started, each sends after its own delay from a common time.
    for (const channel of channels) expect(await channel.receive()).toBe('ready');
    const startAt = Date.now() + 100;
    for (const channel of channels) await channel.send(startAt);
    const order = [];
    for await (const i of queue) order.push(i);
    expect(order).toEqual([2, 1, 0]);
  });

  test('length counts values received and not yet consumed', async () => {
    const queue = new Queue({ limit: 2 });
    await queue.start(task(tasks, 'delayedIndex'), 0, 0);
    await queue.start(task(tasks, 'delayedIndex'), 1, 0);
    await queue.finish();
    expect(queue.length).toBe(2);
    const values = [];
    for await (const value of queue) values.push(value);
    expect(values).toHaveLength(2);
    expect(queue.length).toBe(0);
  });

  test('with continuous, one process sends many values', async () => {
    const queue = new Queue<[number, number]>({ limit: 2, continuous: true });
    const many = queue.manage(task(tasks, 'many'));
    await many(0, 3, 10);
    await many(1, 3, 10);
    await many(2, 3, 10);
    const values = [];
    for await (const value of queue) values.push(value);
    expect(values.map(String).sort()).toEqual(['0,0', '0,1', '0,2', '1,0', '1,1', '1,2', '2,0', '2,1', '2,2']);
  });
});

describe('Map', () => {
  test('keeps results in input order whatever the order of completion', async () => {
    const map = new ParallelMap<[number, number]>({ limit: 3 });
    for (const [i, delay] of [[0, 400], [1, 0], [2, 200]]) await map.start(task(tasks, 'delayedIndex'), i!, delay!);
    expect((await map.toArray()).map(([i]) => i)).toEqual([0, 1, 2]);
    expect((await map.get(-1))[0]).toBe(2);
    expect((await map.slice(1)).map(([i]) => i)).toEqual([1, 2]);
    await expect(map.get(3)).rejects.toThrow(RangeError);
  });

  test('iteration yields each result as soon as it and all before it are ready', async () => {
    const timed = new ParallelMap<[number, number]>({ limit: 2 });
    await timed.start(task(tasks, 'delayedIndex'), 0, 0);
    await timed.start(task(tasks, 'delayedIndex'), 1, 800);
    const iterator = timed[Symbol.asyncIterator]();
    const first = await iterator.next();
    const firstYieldedAt = Date.now();
    const second = await iterator.next();
    expect(first.value[0]).toBe(0);
    // The first result was yielded before the second had even been sent.
    expect(firstYieldedAt).toBeLessThan(second.value[1]);
  });

  test('an exception is raised at its own index, the other results stay available', async () => {
    const failing = new ParallelMap<number>({ limit: 2 });
    for (const i of [0, 1, 2]) await failing.start(makeParallel(tasks, 'doubleUnless'), i, 1, 'throw');
    expect(await failing.get(0)).toBe(0);
    const error = await failing.get(1).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RemoteError);
    expect(error).toMatchObject({ message: 'task 1 is bad', taskIndex: 1 });
    expect(await failing.get(2)).toBe(4);
    await expect(failing.toArray()).rejects.toBe(error);
  });

  test('a process that dies fails its own index with ProcessExitError', async () => {
    const map = new ParallelMap<number>({ limit: 3 });
    for (const i of [0, 1, 2]) await map.start(makeParallel(tasks, 'doubleUnless'), i, 2, 'exit');
    expect(await map.get(0)).toBe(0);
    const error = await map.get(2).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProcessExitError);
    expect(error).toMatchObject({ exitCode: 4, taskIndex: 2 });
    expect((error as Error).message).toContain('task 2');
  });

  test('call() wraps a plain function and maps it over a sequence', async () => {
    const map = new ParallelMap({ limit: 2 }).call(task(tasks, 'double'), [1, 2, 3]);
    expect(await map.toArray()).toEqual([2, 4, 6]);
  });
});

describe('pmap', () => {
  test('maps a sequence in parallel, in order', async () => {
    expect(await pmap(makeParallel(tasks, 'double'), [5, 6, 7], { limit: 3 }).toArray()).toEqual([10, 12, 14]);
  });

  test('with reuse, a few processes handle every element', async () => {
    const results = await pmap(makeReusable(tasks, 'whoRuns'), [...Array(30).keys()], { limit: 2, reuse: true }).toArray();
    expect(results.map(([i]) => i)).toEqual([...Array(30).keys()]);
    expect(new Set(results.map(([, pid]) => pid)).size).toBeLessThanOrEqual(2);
  });

  test('reuse: true turns a plain callable into a reusable one', async () => {
    const results = await pmap(makeParallel(tasks, 'whoRuns'), [0, 1, 2, 3, 4, 5], { limit: 2, reuse: true }).toArray();
    expect(new Set(results.map(([, pid]) => pid)).size).toBeLessThanOrEqual(2);
  });

  test('in chunks, many elements travel in one message and come back in order', async () => {
    const items = [...Array(1000).keys()];
    const results = await pmap(makeParallel(tasks, 'whoRuns'), items, { limit: 2, reuse: true, chunkSize: 100 }).toArray();
    expect(results.map(([i]) => i)).toEqual(items);
    expect(new Set(results.map(([, pid]) => pid)).size).toBeLessThanOrEqual(2);
  });

  test('in chunks, an element that throws fails at its own index only', async () => {
    const map = pmap(makeParallel(tasks, 'failOn'), [0, 1, 2, 3, 4, 5, 6], { limit: 2, chunkSize: 3 });
    expect(await map.get(4)).toBe(8);
    const error = await map.get(5).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RemoteError);
    expect(error).toMatchObject({ message: 'element 5 fails', taskIndex: 5 });
    expect(await map.get(6)).toBe(12);
  });

  test.each([0, -2, 1.5, 'big'])('refuses chunkSize %s', (chunkSize) => {
    expect(() => pmap(makeParallel(tasks, 'double'), [1], { chunkSize: chunkSize as number })).toThrow(RangeError);
  });

  test('the default limit is the number of cores', () => {
    expect(pmap(makeParallel(tasks, 'double'), []).limit).toBe(getNumberOfCores());
  });
});
