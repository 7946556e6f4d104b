import { describe, expect, test } from 'vitest';
import {
  Exchange, ProcessExitError, start, task, type Channel,
} from '../../../src/pprocess/index.js';

const tasks = new URL('../fixtures/tasks.ts', import.meta.url);
const delayedIndex = task(tasks, 'delayedIndex');

// Records what arrives and how many channels were active at the time.
class Recorder extends Exchange {
  received: number[] = [];
  mostActive = 0;

  override async storeData(channel: Channel): Promise<void> {
    this.mostActive = Math.max(this.mostActive, this.active().length);
    const [i] = await channel.receive<[number, number]>();
    this.received.push(i);
  }
}

describe('Exchange, used directly', () => {
  test('ready() returns the channels with data and removes those that ended', async () => {
    const exchange = new Exchange();
    const fast = start(delayedIndex, 0, 0);
    const slow = start(delayedIndex, 1, 300);
    exchange.add(fast);
    exchange.add(slow);
    expect(exchange.active()).toEqual([fast, slow]);

    const seen: number[] = [];
    const removed: Channel[] = [];
    while (exchange.active().length > 0) {
      for (const channel of await exchange.ready()) seen.push((await channel.receive<number[]>())[0]!);
      removed.push(...exchange.removed);
    }
    // Usually 0 then 1, but a loaded machine can start the slow process far ahead of the fast one.
    expect(seen.sort()).toEqual([0, 1]);
    expect(new Set(removed)).toEqual(new Set([fast, slow]));
    expect(await fast.wait()).toEqual({ exitCode: 0, signal: null });
  });

  test('ready(0) polls and ready(timeoutMs) gives up with no channels', async () => {
    const exchange = new Exchange({ channels: [start(delayedIndex, 0, 500)] });
    expect(await exchange.ready(0)).toEqual([]);
    expect(await exchange.ready(50)).toEqual([]);
    const [channel] = await exchange.ready();
    expect((await channel!.receive<number[]>())[0]).toBe(0);
    await exchange.ready();
  });

  test('with autoclose off, removed channels stay open for the caller', async () => {
    const exchange = new Exchange({ autoclose: false });
    const channel = start(delayedIndex, 0, 0);
    exchange.add(channel);
    exchange.remove(channel);
    expect(exchange.active()).toEqual([]);
    expect((await channel.receive<number[]>())[0]).toBe(0);
  });

  test('storeData must be overridden to store data', async () => {
    const exchange = new Exchange({ channels: [start(delayedIndex, 0, 0)] });
    await expect(exchange.finish()).rejects.toThrow(/override/);
    exchange.active().forEach((channel) => channel.close());
  });
});

describe('Exchange talking back', () => {
  // Answers each message with the next number, until 5: storeData waits for its own sends.
  class CountUp extends Exchange {
    seen: number[] = [];
    override async storeData(channel: Channel): Promise<void> {
      const value = await channel.receive<number>();
      this.seen.push(value);
      await channel.send(value < 5 ? value + 1 : null);
    }
  }

  test('storeData may send to the process and wait for it to be taken', async () => {
    const exchange = new CountUp();
    const channel = start(task(tasks, 'echoAll'));
    exchange.add(channel);
    await channel.send(1);
    await exchange.finish();
    expect(exchange.seen).toEqual([1, 2, 3, 4, 5]);
  });
});

describe('Exchange options', () => {
  test.each([0, -1, 1.5, Number.NaN, '2'])('refuses limit %s', (limit) => {
    expect(() => new Exchange({ limit: limit as number })).toThrow(RangeError);
  });

  test('refuses a negative timeout', async () => {
    await expect(new Exchange().ready(-1)).rejects.toThrow(RangeError);
  });

  test('refuses a flag that is not a boolean', () => {
    expect(() => new Exchange({ reuse: 1 as unknown as boolean })).toThrow(TypeError);
  });
});

describe('Exchange with a limit', () => {
  test('start() queues work past the limit and starts it as processes finish', async () => {
    const exchange = new Recorder({ limit: 2 });
    for (let i = 0; i < 5; i++) await exchange.start(delayedIndex, i, 100);
    expect(exchange.active().length).toBe(2);
    expect(exchange.busy()).toBe(true);
    expect(exchange.unfinished()).toBe(true);
    await exchange.finish();
    expect(exchange.received.sort()).toEqual([0, 1, 2, 3, 4]);
    // A new process starts as soon as a result arrives, before the old one has exited.
    expect(exchange.mostActive).toBeLessThanOrEqual(3);
    expect(exchange.unfinished()).toBe(false);
    expect(exchange.busy()).toBe(false);
  });

  test('manage() returns a function that starts the callable in the exchange', async () => {
    const exchange = new Recorder({ limit: 2 });
    const managed = exchange.manage(delayedIndex);
    for (let i = 0; i < 3; i++) await managed(i, 0);
    await exchange.finish();
    expect(exchange.received.sort()).toEqual([0, 1, 2]);
  });

  test('addWait() waits for room before adding', async () => {
    const exchange = new Recorder({ limit: 1 });
    await exchange.addWait(start(delayedIndex, 0, 200));
    await exchange.addWait(start(delayedIndex, 1, 0));
    // The first had to deliver before the second could be added.
    expect(exchange.received).toEqual([0]);
    await exchange.finish();
    expect(exchange.received).toEqual([0, 1]);
  });

  test('finish() rejects with ProcessExitError naming the task whose process died', async () => {
    const exchange = new Recorder();
    await exchange.start(task(tasks, 'exitWith'), 5);
    const error = await exchange.finish().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProcessExitError);
    expect(error).toMatchObject({ exitCode: 5, taskIndex: 0 });
  });
});
