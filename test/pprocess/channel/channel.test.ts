import { afterEach, describe, expect, test } from 'vitest';
import { ChannelClosedError, ProcessExitError, RemoteError, start, task, type Channel } from '../../../src/pprocess/index.js';
import { allGone, sleep } from '../../helpers/processes.js';

const tasks = new URL('../fixtures/tasks.ts', import.meta.url);
const opened: Channel[] = [];

function open<Args extends unknown[]>(name: string, ...args: Args): Channel {
  const channel = start(task(tasks, name), ...args);
  opened.push(channel);
  return channel;
}

afterEach(async () => {
  for (const channel of opened.splice(0)) channel.close();
});

describe('a channel to a created process', () => {
  test('carries Map, Set, BigInt, Date, Errors, typed arrays and Buffers both ways', async () => {
    const channel = open('echoAll');
    const value = {
      map: new Map<unknown, unknown>([['k', [1, 2]], [3, new Set(['s'])]]),
      big: 2n ** 100n,
      date: new Date(86_400_000),
      error: new TypeError('carried'),
      floats: new Float32Array([0.5, 1.5]),
      buffer: Buffer.from('raw bytes'),
      nested: { deep: [{ a: null, b: undefined }] },
    };
    await channel.send(value);
    const back = await channel.receive<typeof value>();
    expect(back).toEqual(value);
    expect(back.error).toBeInstanceOf(TypeError);
    expect(Buffer.isBuffer(back.buffer)).toBe(true);
    await channel.send(null);
    expect(await channel.wait()).toEqual({ exitCode: 0, signal: null });
  });

  test('waiting again and again on a channel whose process has ended adds no listeners to its socket', async () => {
    const channel = open('echoAll');
    await channel.send(null);
    await channel.wait();
    const warnings: string[] = [];
    const onWarning = (warning: Error) => warnings.push(`${warning.name}: ${warning.message}`);
    process.on('warning', onWarning);
    try {
      // What an exchange's ready() does on every turn: hold the channel, then let go.
      for (let turn = 0; turn < 20; turn++) channel.hold()();
      // Warnings are emitted on the next tick: one macrotask later, any would be here.
      await new Promise(setImmediate);
    } finally {
      process.off('warning', onWarning);
    }
    expect(warnings).toEqual([]);
  });

  test('the pid is the created process', async () => {
    const channel = open('pidThenWait');
    expect(await channel.receive()).toBe(channel.pid);
  });

  test('send resolves only when the peer has taken the value', async () => {
    const channel = open('lateReceiver', 400);
    await channel.send('hello');
    const sendResolvedAt = Date.now();
    const peerReceivedAt = await channel.receive<number>();
    expect(sendResolvedAt).toBeGreaterThanOrEqual(peerReceivedAt);
  });

  test('a process that sends and exits at once loses nothing', async () => {
    // Each send resolves once this side took the value, so process.exit() right after the last loses none.
    const channel = open('sendThenExit', 50);
    const received = [];
    for (let i = 0; i < 50; i++) received.push(await channel.receive<number>());
    expect(received).toEqual([...Array(50).keys()]);
    expect(await channel.wait()).toEqual({ exitCode: 0, signal: null });
    // Nothing more: the next receive reports the exit.
    await expect(channel.receive()).rejects.toBeInstanceOf(ProcessExitError);
  });

  test('a slow consumer holds back a fast producer', async () => {
    const channel = open('producer', 20);
    for (let i = 0; i < 5; i++) {
      await sleep(50);
      // Message i says how many sends had completed: none ran ahead of the consumer.
      expect(await channel.receive()).toEqual({ i, completed: i });
    }
  });

  test('values that cannot be sent are refused before anything is sent', async () => {
    const channel = open('echoAll');
    await expect(channel.send({ nested: [0, { callback: () => 1 }] })).rejects.toThrow('value.nested[1].callback is a function');
    await channel.send('still usable');
    expect(await channel.receive()).toBe('still usable');
  });

  test('an exception in the created process comes back as RemoteError', async () => {
    const { makeParallel } = await import('../../../src/pprocess/index.js');
    const channel = start(makeParallel(tasks, 'fail'), 'out of range', 'E_RANGE');
    opened.push(channel);
    const error = await channel.receive().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RemoteError);
    expect(error).toMatchObject({ remoteName: 'RangeError', message: 'out of range', code: 'E_RANGE', pid: channel.pid, detail: { why: 'testing' } });
    expect((error as Error).stack).toContain('fixtures/tasks.ts');
  });

  test('close() ends pending receives and the created process', async () => {
    const channel = open('pidThenWait');
    const pid = await channel.receive<number>();
    const pending = channel.receive();
    channel.close();
    await expect(pending).rejects.toMatchObject({ code: 'ERR_CHANNEL_CLOSED' });
    await expect(channel.send(1)).rejects.toMatchObject({ code: 'ERR_CHANNEL_CLOSED' });
    await allGone([pid], 2000);
  });
});

describe('a created process that dies while a result is expected', () => {
  test.each([
    ['exits with a code', 'exitWith', 3, { exitCode: 3, signal: null }],
    ['calls process.exit(0) before sending', 'exitWith', 0, { exitCode: 0, signal: null }],
    ['is killed by SIGKILL', 'killSelf', 'SIGKILL', { exitCode: null, signal: 'SIGKILL' }],
    ['is killed by SIGTERM', 'killSelf', 'SIGTERM', { exitCode: null, signal: 'SIGTERM' }],
  ])('rejects the pending receive when it %s', async (_how, name, arg, status) => {
    const channel = open(name, arg);
    const started = Date.now();
    const error = await channel.receive().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProcessExitError);
    expect(error).toMatchObject({ code: 'ERR_PROCESS_EXIT', pid: channel.pid, ...status });
    expect((error as Error).message).toContain(String(channel.pid));
    // Promptly: well within the second allowed after the process is gone.
    expect(Date.now() - started).toBeLessThan(5000);
  });

  test('a process killed from outside is reported with its signal', async () => {
    const channel = open('pidThenWait');
    const pid = await channel.receive<number>();
    const pending = channel.receive();
    process.kill(pid, 'SIGKILL');
    await expect(pending).rejects.toMatchObject({ signal: 'SIGKILL', pid });
  });
});
