// Promises an adversarial pass broke: oversized values, work cut short by
// close(), bounds on options, and calls that used to hang or crash.
import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import {
  Exchange, makeParallel, makeReusable, Map as ParallelMap, pmap, Queue, start, task, type Channel,
} from '../../../src/pprocess/index.js';
import { spawn } from 'node:child_process';
import { outcome, repoRoot, runScript } from '../../helpers/processes.js';

const tasks = new URL('../fixtures/tasks.ts', import.meta.url);
const LIMIT = 64 * 1024;

// Runs `body` with PPROCESS_MAX_FRAME_BYTES set, in processes booted with it.
async function withFrameLimit<T>(body: () => Promise<T>): Promise<T> {
  process.env.PPROCESS_MAX_FRAME_BYTES = String(LIMIT);
  try {
    return await body();
  } finally {
    delete process.env.PPROCESS_MAX_FRAME_BYTES;
  }
}

describe('a value over the frame limit', () => {
  test('returned by a task fails that task with ERR_FRAME_TOO_LARGE, naming the limit and the variable; the others succeed', async () => {
    const results = await withFrameLimit(async () => {
      const map = pmap(makeParallel(tasks, 'bytesOf'), [10, LIMIT * 2, 20], { limit: 1, maxTasksPerProcess: 3 });
      return Promise.all([0, 1, 2].map((i) => map.get(i).then((b) => b.length, (e: unknown) => e)));
    });
    expect(results[0]).toBe(10);
    expect(results[2]).toBe(20);
    expect(results[1]).toMatchObject({ code: 'ERR_FRAME_TOO_LARGE', taskIndex: 1 });
    expect((results[1] as Error).message).toMatch(/limit of 65536 bytes.*PPROCESS_MAX_FRAME_BYTES/);
  });

  test('passed as an argument through pmap fails its own index with ERR_FRAME_TOO_LARGE', async () => {
    const results = await withFrameLimit(async () => {
      const args = [Buffer.alloc(5), Buffer.alloc(LIMIT * 2), Buffer.alloc(7)];
      const map = pmap(makeParallel(tasks, 'lengthOf'), args, { limit: 1, maxTasksPerProcess: 3 });
      return Promise.all([0, 1, 2].map((i) => map.get(i).then((n) => n, (e: unknown) => e)));
    });
    expect(results[0]).toBe(5);
    expect(results[2]).toBe(7);
    expect(results[1]).toMatchObject({ code: 'ERR_FRAME_TOO_LARGE', taskIndex: 1 });
  });

  test('sent on a channel is refused at the sender', async () => {
    await withFrameLimit(async () => {
      const channel = start(task(tasks, 'echoAll'));
      await expect(channel.send(Buffer.alloc(LIMIT * 2))).rejects.toMatchObject({ code: 'ERR_FRAME_TOO_LARGE' });
      await channel.send(null);
      await channel.wait();
    });
  });
});

describe('close() with work running', () => {
  test('Map: get() and iteration reject with ERR_EXCHANGE_CLOSED', async () => {
    const map = new ParallelMap<number>({ limit: 1 });
    map.call(makeParallel(tasks, 'slowDouble'), [1, 2, 3].map((i) => i));
    const pending = map.get(2).catch((e: unknown) => e);
    await map.close();
    expect(await pending).toMatchObject({ code: 'ERR_EXCHANGE_CLOSED' });
    const iterated = (async () => {
      for await (const value of map) void value;
    })();
    await expect(iterated).rejects.toMatchObject({ code: 'ERR_EXCHANGE_CLOSED' });
  });

  test.each([
    ['Exchange', () => new (class extends Exchange {
      override async storeData(channel: Channel) {
        await channel.receive();
      }
    })({ limit: 1 })],
    ['Queue', () => new Queue({ limit: 1 })],
  ])('%s: finish() and iteration reject with ERR_EXCHANGE_CLOSED', async (_name, make) => {
    const exchange = make();
    for (let i = 0; i < 3; i++) await exchange.start(task(tasks, 'sleepFor'), 5_000);
    const finishing = exchange.finish().catch((e: unknown) => e);
    await exchange.close();
    expect(await finishing).toMatchObject({ code: 'ERR_EXCHANGE_CLOSED' });
    await expect(exchange.finish()).rejects.toMatchObject({ code: 'ERR_EXCHANGE_CLOSED' });
    if (exchange instanceof Queue) {
      const iterated = (async () => {
        for await (const value of exchange) void value;
      })();
      await expect(iterated).rejects.toMatchObject({ code: 'ERR_EXCHANGE_CLOSED' });
    }
  });

  test('closing after everything finished is not a cancellation', async () => {
    const queue = new Queue<string>({ limit: 1 });
    await queue.start(task(tasks, 'echo'), 'done');
    await queue.finish();
    await queue.close();
    await expect(queue.finish()).resolves.toBeUndefined();
  });
});

describe('bounds', () => {
  test.each([
    [{ limit: 10_000 }, /limit must be an integer from 1 to 1024/],
    [{ limit: 2 ** 53 }, /limit must be an integer from 1 to 1024/],
    [{ retries: 1e9 }, /retries must be an integer from 0 to 100/],
    [{ maxTasksPerProcess: 0 }, /maxTasksPerProcess must be a positive integer/],
  ])('refuses %o with a RangeError', (options, message) => {
    expect(() => new ParallelMap(options)).toThrow(message);
    try {
      new ParallelMap(options);
    } catch (error) {
      expect(error).toMatchObject({ code: 'ERR_OUT_OF_RANGE' });
    }
  });

  test('warns once when the limit is far above the number of cores', async () => {
    const warned = new Promise<Error>((resolve) => process.once('warning', resolve));
    new ParallelMap({ limit: 1000 });
    expect(await warned).toMatchObject({ code: 'PPROCESS_LIMIT_ABOVE_CORES' });
  });
});

describe('calls that used to hang or crash', () => {
  test('makeReusable on a Map without reuse runs each element once', async () => {
    const map = new ParallelMap<number>({ limit: 2, reuse: false });
    expect(await map.call(makeReusable(tasks, 'double'), [1, 2, 3]).toArray()).toEqual([2, 4, 6]);
  });

  test('makeReusable on a Map with default options', async () => {
    expect(await new ParallelMap<number>({ limit: 2 }).call(makeReusable(tasks, 'double'), [1, 2, 3]).toArray()).toEqual([2, 4, 6]);
  });

  test('a Map given channels from the start watches them', async () => {
    const channel = start(task(tasks, 'echo'), 'from the start');
    const map = new ParallelMap<string>({ channels: [channel] });
    expect(await map.toArray()).toEqual(['from the start']);
  });

  test('each call() on a kept Map yields its own results, as the original resets them', async () => {
    const map = new ParallelMap<number>({ limit: 2, keepAlive: true });
    try {
      for (const batch of [[1, 2, 3], [4, 5]]) {
        const seen: number[] = [];
        for await (const value of map.call(makeParallel(tasks, 'double'), batch)) seen.push(value);
        expect(seen).toEqual(batch.map((n) => 2 * n));
      }
    } finally {
      await map.close();
    }
  });

  test('a thrown plain object keeps its name, message, code and properties', async () => {
    const error = await pmap(makeParallel(tasks, 'throwPlain'), ['E_PLAIN'], { limit: 1 }).get(0).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'E_PLAIN', remoteName: 'PlainFailure', message: 'a plain object was thrown', detail: 42 });
  });
});

describe('fork-style create() replays the creator\'s path', () => {
  test('a loop that skips iterations at random labels every result with its own iteration', async () => {
    for (let round = 0; round < 3; round++) {
      const result = await outcome(runScript('test/pprocess/fixtures/create/random-skips.ts'));
      expect(result.stderr).toBe('');
      const { started, got } = JSON.parse(result.stdout) as { started: string[]; got: string[] };
      expect(got).toEqual(started);
    }
  });

  test('replays run on the pool\'s warm processes, whatever the program\'s standard output is', async () => {
    // Standard output is a pipe, which a replay opens anew the first time (npm test builds dist/ first).
    const child = spawn(process.execPath, ['test/pprocess/fixtures/create/pids.mjs'], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    const result = await outcome(child);
    expect(result.stderr).toBe('');
    expect(Number(result.stdout.trim())).toBeGreaterThanOrEqual(1);
    expect(Number(result.stdout.trim())).toBeLessThanOrEqual(2);
  });

  test('a replay that draws other random numbers than its creator fails with ERR_CREATE_REPLAY', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pprocess-replay-'));
    try {
      const marker = join(dir, 'first-run');
      writeFileSync(marker, '');
      const result = await outcome(runScript('test/pprocess/fixtures/create/clock-path.ts', [marker]));
      expect(result.stdout.trim()).toBe('"ERR_CREATE_REPLAY"');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
