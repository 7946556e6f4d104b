// Background processes: started, left behind by their creator, and reached
// by later clients at their address.
import { existsSync, linkSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import {
  backgroundCallable,
  BackgroundExitError,
  backgroundQueue,
  connectPersistent,
  makeParallel,
  PersistentQueue,
  RemoteError,
  task,
} from '../../../src/pprocess/index.js';
import { isAlive, outcome, runScript, sleep, statField } from '../../helpers/processes.js';
import { backgroundPids, expectNothingLeft, removeSocketDirectory, socketDirectory } from './background-helpers.js';

const tasks = new URL('./fixtures/background-tasks.ts', import.meta.url);
const starter = 'test/pprocess/persistent/fixtures/starter.ts';
let dir: string;

beforeEach(() => {
  dir = socketDirectory();
});

afterEach(() => {
  removeSocketDirectory(dir);
});

async function collect<T>(address: string): Promise<T[]> {
  const values: T[] = [];
  for await (const value of await backgroundQueue<T>(address)) values.push(value);
  return values;
}

describe('a background process', () => {
  test('outlives the process that started it, in its own session; new clients collect its results, losing none', async () => {
    const address = join(dir, 'task.socket');
    const started = runScript(starter, [address, 'sendEach', JSON.stringify([[1, 'two', { three: 3 }]])]);
    const { stdout, exitCode } = await outcome(started);
    expect({ stdout, exitCode }).toEqual({ stdout: 'listening\n', exitCode: 0 });

    const [pid] = backgroundPids(dir);
    expect(pid).toBeDefined();
    expect(isAlive(pid!)).toBe(true);
    expect(statField(pid!, 6)).toBe(String(pid)); // a session leader: its own session
    expect(statField(pid!, 4)).not.toBe(String(started.pid));
    expect(statSync(address).mode & 0o777).toBe(0o600);

    // A first client takes one value and leaves with the next unreceived; a second gets the rest.
    const first = await connectPersistent(address);
    expect(first.pid).toBe(pid);
    expect(await first.receive()).toBe(1);
    while (!first.readable) await sleep(10);
    first.close();
    expect(await collect(address)).toEqual(['two', { three: 3 }]);
    await expectNothingLeft(dir);
  });

  test('writes its output to the log file chosen, readable by its owner only', async () => {
    const address = join(dir, 'task.socket');
    const log = join(dir, 'task.log');
    await backgroundCallable(address, task(tasks, 'printAndSend'), { log })('hello');
    expect(await collect(address)).toEqual(['hello']);
    await expectNothingLeft(dir);
    expect(readFileSync(log, 'utf8').split('\n').sort()).toEqual(['', 'err: hello', 'out: hello']);
    expect(statSync(log).mode & 0o777).toBe(0o600);
  });

  test('an address where a live process listens is refused with EADDRINUSE, starting nothing', async () => {
    const address = join(dir, 'task.socket');
    await backgroundCallable(address, task(tasks, 'pidThenWait'))();
    const second = backgroundCallable(address, task(tasks, 'sendEach'))([1]);
    await expect(second).rejects.toMatchObject({ code: 'EADDRINUSE', address, message: expect.stringContaining(address) });
    expect(backgroundPids(dir)).toHaveLength(1);

    const channel = await connectPersistent(address);
    expect(await channel.receive()).toBe(channel.pid);
    expect(backgroundPids(dir)).toEqual([channel.pid]);
    await channel.send('done');
    await expectNothingLeft(dir);
  });

  test('a stale socket file, left by a process that died, is replaced (and the log says so)', async () => {
    const address = join(dir, 'task.socket');
    const log = join(dir, 'task.log');
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(join(dir, 'dead.socket'), resolve));
    linkSync(join(dir, 'dead.socket'), address);
    await new Promise((resolve) => server.close(resolve));
    await expect(connectPersistent(address)).rejects.toMatchObject({
      code: 'ECONNREFUSED', message: expect.stringContaining(`${address} is stale`),
    });

    await backgroundCallable(address, makeParallel(tasks, 'slowEcho'), { log })('fresh', 0);
    expect(await collect(address)).toEqual(['fresh']);
    await expectNothingLeft(dir);
    expect(readFileSync(log, 'utf8')).toContain(`replaced the stale socket file ${address}`);
  });

  test('an exception in the callable reaches the client as a RemoteError', async () => {
    const address = join(dir, 'task.socket');
    await backgroundCallable(address, makeParallel(tasks, 'fail'))('it broke');
    const channel = await connectPersistent(address);
    const error = await channel.receive().catch((error: unknown) => error);
    expect(error).toBeInstanceOf(RemoteError);
    expect(error).toMatchObject({ code: 'ERR_TEST_FAILURE', remoteName: 'RangeError', message: 'it broke', pid: channel.pid });
    await expectNothingLeft(dir);
  });

  test('one that dies before finishing fails the queue collecting from it', async () => {
    const address = join(dir, 'task.socket');
    await backgroundCallable(address, task(tasks, 'exitOnMessage'))(3);
    const queue = new PersistentQueue();
    await queue.connect(address);
    await queue.active()[0]!.send('die now');
    const error = await (async () => {
      for await (const value of queue) void value;
    })().catch((error: unknown) => error);
    expect(error).toBeInstanceOf(BackgroundExitError);
    expect(error).toMatchObject({ code: 'ERR_PROCESS_EXIT', address });
    await expectNothingLeft(dir);
  });

  test('ended by SIGTERM, it removes its socket file', async () => {
    const address = join(dir, 'task.socket');
    await backgroundCallable(address, task(tasks, 'pidThenWait'))();
    const [pid] = backgroundPids(dir);
    process.kill(pid!, 'SIGTERM');
    await expectNothingLeft(dir);
    expect(existsSync(address)).toBe(false);
  });
});

describe('addresses that cannot be used', () => {
  test('connecting where nothing listens is ENOENT, naming the path', async () => {
    const address = join(dir, 'none.socket');
    await expect(connectPersistent(address)).rejects.toMatchObject({
      code: 'ENOENT', address, message: expect.stringContaining(address),
    });
  });

  test('an address too long for a socket is refused before anything starts', () => {
    const address = join(dir, 'x'.repeat(120));
    expect(() => backgroundCallable(address, task(tasks, 'sendEach'))).toThrow(
      expect.objectContaining({ code: 'ERR_SOCKET_PATH_TOO_LONG', name: 'RangeError' }),
    );
    expect(backgroundPids(dir)).toEqual([]);
  });
});
