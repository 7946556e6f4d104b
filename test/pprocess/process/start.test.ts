import { describe, expect, test } from 'vitest';
import { liveProcesses } from '../../../src/pprocess/process/registry.js';
import { exit, isMain, makeParallel, RemoteError, start, task, waitall } from '../../../src/pprocess/index.js';

const tasks = new URL('../fixtures/tasks.ts', import.meta.url);

async function remoteFailure(channel: ReturnType<typeof start>): Promise<RemoteError> {
  const error = await channel.receive().catch((e: unknown) => e);
  expect(error).toBeInstanceOf(RemoteError);
  return error as RemoteError;
}

describe('start()', () => {
  test('refuses arguments that cannot be sent, before starting a process', () => {
    const before = liveProcesses().length;
    expect(() => start(task(tasks, 'echo'), { callback: () => 1 } as never)).toThrow('args[0].callback is a function');
    expect(liveProcesses().length).toBe(before);
  });

  test('refuses a plain function, saying how to make a callable', () => {
    expect(() => start((() => 1) as never)).toThrow(/task\(import\.meta\.url/);
  });

  test('a missing export is reported where the result is awaited, naming module and export', async () => {
    const error = await remoteFailure(start(makeParallel(tasks, 'noSuchExport')));
    expect(error.code).toBe('ERR_TASK_LOAD');
    expect(error.message).toContain('noSuchExport');
    expect(error.message).toContain('fixtures/tasks.ts');
  });

  test('a module that cannot be loaded is reported, naming module and export', async () => {
    const missing = new URL('../fixtures/does-not-exist.ts', import.meta.url);
    const error = await remoteFailure(start(makeParallel(missing, 'work')));
    expect(error.code).toBe('ERR_TASK_LOAD');
    expect(error.message).toContain('does-not-exist.ts');
    expect(error.message).toContain('"work"');
  });

  test('a task module that starts processes when imported fails fast, telling to guard with isMain', async () => {
    const module = new URL('../fixtures/starts-on-import.ts', import.meta.url);
    const error = await remoteFailure(start(makeParallel(module, 'work')));
    expect(error.code).toBe('ERR_TASK_LOAD');
    expect(error.message).toContain('isMain(import.meta.url)');
  });
});

describe('exit()', () => {
  test('refuses to end the creating process', async () => {
    const channel = start(task(tasks, 'silent'));
    await expect(exit(channel)).rejects.toThrow(TypeError);
    await channel.wait();
  });
});

test('waitall() resolves once every created process has exited', async () => {
  const channels = [start(task(tasks, 'sleepFor'), 300), start(task(tasks, 'sleepFor'), 500)];
  await waitall();
  for (const channel of channels) expect(channel.exitStatus).toEqual({ exitCode: 0, signal: null });
});

test('isMain() is false for a module that is not the entry point', () => {
  expect(isMain(import.meta.url)).toBe(false);
});
