import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { makeParallel, makeReusable, Map as ParallelMap, partial, pmap, task } from '../../../src/pprocess/index.js';
import { allGone } from '../../helpers/processes.js';

const tasks = new URL('../fixtures/tasks.ts', import.meta.url);

describe('Exchange.close()', () => {
  test('drops queued work and ends running processes, waiting or computing', async () => {
    const map = new ParallelMap({ limit: 2 });
    await map.start(task(tasks, 'pidThenWait'));
    await map.start(task(tasks, 'pidThenSpin'));
    await map.start(task(tasks, 'pidThenWait'));
    const pids = [await map.get(0), await map.get(1)] as number[];
    await map.close();
    await allGone(pids, 1000);
    expect(map.active()).toEqual([]);
    expect(map.unfinished()).toBe(false);
    await expect(map.start(task(tasks, 'silent'))).rejects.toMatchObject({ code: 'ERR_EXCHANGE_CLOSED' });
  });

  test('await using closes the exchange at the end of the block', async () => {
    let pid = 0;
    {
      await using map = new ParallelMap({ limit: 1 });
      await map.start(task(tasks, 'pidThenWait'));
      pid = (await map.get(0)) as number;
    }
    await allGone([pid], 1000);
  });
});

describe('keepAlive', () => {
  test('reused processes wait for the next work between batches, until close()', async () => {
    const pool = new ParallelMap<[number, number]>({ limit: 2, reuse: true, keepAlive: true });
    const first = await pool.call(makeParallel(tasks, 'whoRuns'), [0, 1, 2, 3]).toArray();
    expect(pool.unfinished()).toBe(false);
    const pids = new Set(first.map(([, pid]) => pid));
    expect(pids.size).toBeLessThanOrEqual(2);
    const second = await pool.call(makeParallel(tasks, 'whoRuns'), [4, 5, 6]).toArray();
    expect(second.map(([i]) => i)).toEqual([4, 5, 6]);
    for (const [, pid] of second) expect(pids).toContain(pid);
    await pool.close();
    await allGone([...pids], 1000);
  });

  test('cannot go with reuse: false', () => {
    expect(() => new ParallelMap({ keepAlive: true, reuse: false })).toThrow(/cannot go with reuse: false/);
  });
});

describe('inFlight', () => {
  test('gives each reused process several tasks at once; results stay in order', async () => {
    const items = [...Array(40).keys()];
    const results = await pmap(makeParallel(tasks, 'whoRuns'), items, { limit: 2, reuse: true, inFlight: 3 }).toArray();
    expect(results.map(([i]) => i)).toEqual(items);
    expect(new Set(results.map(([, pid]) => pid)).size).toBeLessThanOrEqual(2);
  });

  test('work given ahead to a process that dies goes to another; the running task is re-run or fails', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pprocess-inflight-'));
    try {
      const map = new ParallelMap<[number, number]>({ limit: 1, reuse: true, inFlight: 3 });
      for (const i of [0, 1, 2, 3, 4]) await map.start(makeParallel(tasks, 'dieOnce'), i, 1, dir);
      const error = await map.get(1).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'ERR_PROCESS_EXIT', taskIndex: 1 });
      // Tasks 2 and 3 had been given to the dead process ahead of time: they ran on a new one.
      const rest = await Promise.all([2, 3, 4].map((i) => map.get(i)));
      expect(rest.map(([i]) => i)).toEqual([2, 3, 4]);
      expect(new Set(rest.map(([, pid]) => pid)).size).toBe(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test.each([0, 1.5, -1])('refuses inFlight %s', (inFlight) => {
    expect(() => new ParallelMap({ reuse: true, inFlight })).toThrow(RangeError);
  });

  test('cannot go with reuse: false', () => {
    expect(() => new ParallelMap({ inFlight: 2, reuse: false })).toThrow(/cannot go with reuse: false/);
  });
});

describe('partial()', () => {
  test('gives a reused process the leading arguments once, then each call its own', async () => {
    const table = Array.from({ length: 100_000 }, (_, i) => i * 3);
    const lookUp = partial(makeReusable(tasks, 'lookUp'), table);
    const results = await pmap(lookUp, [5, 6, 99_999], { limit: 2, reuse: true }).toArray();
    expect(results.map(([value]) => value)).toEqual([15, 18, 299_997]);
  });

  test('works with channel-style callables and adds to earlier leading arguments', async () => {
    const echo = partial(partial(task(tasks, 'echo')), 'fixed');
    const map = new ParallelMap({ limit: 1 });
    await map.start(echo);
    expect(await map.get(0)).toBe('fixed');
  });

  test('refuses leading arguments that cannot be sent', () => {
    expect(() => partial(makeParallel(tasks, 'double'), () => 1)).toThrow('leading[0] is a function');
  });
});
