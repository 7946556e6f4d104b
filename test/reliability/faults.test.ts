// A created process that dies, exits, throws or hangs: whatever waits on it
// rejects promptly with a typed error naming the task, the pid and how it ended.
import { describe, expect, test } from 'vitest';
import {
  Exchange, makeParallel, Map as ParallelMap, partial, pmap, ProcessExitError, Queue, RemoteError, TimeoutError, type Channel,
} from '../../src/pprocess/index.js';
import { isAlive } from '../helpers/processes.js';

const tasks = new URL('../pprocess/fixtures/tasks.ts', import.meta.url);
const misbehave = makeParallel(tasks, 'misbehave');
type How = 'sigkill' | 'exit' | 'throw' | 'hang';

const expected: Record<How, { type: Function; fields: Record<string, unknown> }> = {
  sigkill: { type: ProcessExitError, fields: { code: 'ERR_PROCESS_EXIT', signal: 'SIGKILL', exitCode: null } },
  exit: { type: ProcessExitError, fields: { code: 'ERR_PROCESS_EXIT', exitCode: 3, signal: null } },
  throw: { type: RemoteError, fields: { code: 'E_TASK', remoteName: 'TypeError', message: 'task 1 threw' } },
  hang: { type: TimeoutError, fields: { code: 'ERR_TIMEOUT', timeoutMs: 1500 } },
};
// The time counts from when the task starts, not from its process's launch.
const options = { limit: 2, timeoutMs: 1500 };

// Stores values by task; collects nothing else.
class Collector extends Exchange {
  values: number[] = [];
  override async storeData(channel: Channel): Promise<void> {
    this.values.push(await channel.receive<number>());
  }
}

// Each way of waiting, running tasks 0 and 1 where task 1 misbehaves.
const waiters: Record<string, (how: How) => Promise<unknown>> = {
  pmap: (how) => pmap(partial(makeParallel(tasks, 'misbehaveOn'), 1, how), [0, 1], options).toArray(),
  Map: async (how) => {
    const map = new ParallelMap<number>(options);
    for (const i of [0, 1]) await map.start(misbehave, i, 1, how);
    return map.get(1);
  },
  Queue: async (how) => {
    const queue = new Queue<number>(options);
    for (const i of [0, 1]) await queue.start(misbehave, i, 1, how);
    const values = [];
    for await (const value of queue) values.push(value);
    return values;
  },
  'Exchange.finish()': async (how) => {
    const exchange = new Collector(options);
    for (const i of [0, 1]) await exchange.start(misbehave, i, 1, how);
    await exchange.finish();
  },
};

describe.each(Object.keys(waiters))('%s', (waiter) => {
  test.each(['sigkill', 'exit', 'throw', 'hang'] as const)('rejects when a task\'s process %s', async (how) => {
    const error = await waiters[waiter]!(how).then(() => undefined, (e: unknown) => e);
    const { type, fields } = expected[how];
    expect(error).toBeInstanceOf(type);
    expect(error).toMatchObject(fields);
    const pid = (error as { pid: number }).pid;
    expect(pid).toBeGreaterThan(0);
    if (how !== 'throw') expect((error as Error).message).toContain(String(pid));
    if (waiter === 'Map' || waiter === 'pmap' || how !== 'throw') expect(error).toMatchObject({ taskIndex: 1 });
    if (how === 'hang') expect(isAlive(pid)).toBe(false);
  });
});
