// Connecting to a background process can be given up, with a time limit or
// an AbortSignal, and a connection given up never keeps the process from
// the next client.
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { backgroundCallable, connectPersistent, PersistentExchange, PersistentQueue, task } from '../../../src/pprocess/index.js';
import { expectNothingLeft, removeSocketDirectory, socketDirectory } from './background-helpers.js';

const tasks = new URL('./fixtures/background-tasks.ts', import.meta.url);
// How long the next client may take to be served once the process is free.
const SERVED_WITHIN_MS = 5000;
let dir: string;

beforeEach(() => {
  dir = socketDirectory();
});

afterEach(() => {
  removeSocketDirectory(dir);
});

async function echoJob(): Promise<string> {
  const address = join(dir, 'echo.socket');
  await backgroundCallable(address, task(tasks, 'echoAll'))();
  return address;
}

describe('connectPersistent() while another client holds the process', () => {
  test('gives up after timeoutMs with ETIMEDOUT, and the next client gets in', async () => {
    const address = await echoJob();
    const holder = await connectPersistent(address);
    const error = await connectPersistent(address, { timeoutMs: 300 }).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'SocketAddressError', code: 'ETIMEDOUT', address });
    expect((error as Error).message).toContain('300 ms');
    holder.close();

    const next = await connectPersistent(address, { timeoutMs: SERVED_WITHIN_MS });
    await next.send('after the abandoned one');
    expect(await next.receive()).toBe('after the abandoned one');
    await next.send(null);
    next.close();
    await expectNothingLeft(dir);
  });

  test('gives up when its signal aborts with AbortError, and the next client gets in', async () => {
    const address = await echoJob();
    const holder = await connectPersistent(address);
    const controller = new AbortController();
    const abandoned = connectPersistent(address, { signal: controller.signal });
    controller.abort(new Error('the user went away'));
    const error = await abandoned.catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'AbortError', code: 'ABORT_ERR' });
    expect((error as Error).message).toContain('the user went away');
    holder.close();

    const next = await connectPersistent(address, { timeoutMs: SERVED_WITHIN_MS });
    await next.send(1);
    expect(await next.receive()).toBe(1);
    await next.send(null);
    next.close();
    await expectNothingLeft(dir);
  });

  test('rejects at once, connecting to nothing, when the signal has already aborted', async () => {
    const address = await echoJob();
    await expect(connectPersistent(address, { signal: AbortSignal.abort() })).rejects.toMatchObject({ code: 'ABORT_ERR' });
    const client = await connectPersistent(address, { timeoutMs: SERVED_WITHIN_MS });
    await client.send(null);
    client.close();
    await expectNothingLeft(dir);
  });
});

describe.each([
  ['PersistentQueue', () => new PersistentQueue()],
  ['PersistentExchange', () => new PersistentExchange()],
])('%s.connect() while another client holds the process', (_, exchangeOf) => {
  test('gives up after timeoutMs with ETIMEDOUT, watching nothing, and connects once the process is free', async () => {
    const address = await echoJob();
    const holder = await connectPersistent(address);
    const exchange = exchangeOf();
    const error = await exchange.connect(address, { timeoutMs: 300 }).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'SocketAddressError', code: 'ETIMEDOUT', address });
    expect(exchange.active()).toEqual([]);
    holder.close();

    await exchange.connect(address, { timeoutMs: SERVED_WITHIN_MS });
    expect(exchange.active()).toHaveLength(1);
    exchange.close();
    // The exchange let go without ending the process: the next client ends it.
    const last = await connectPersistent(address, { timeoutMs: SERVED_WITHIN_MS });
    await last.send(null);
    last.close();
    await expectNothingLeft(dir);
  });
});

describe('connectPersistent() options', () => {
  test.each([
    [{ timeoutMs: 0 }, 'ERR_OUT_OF_RANGE', RangeError, 'options.timeoutMs'],
    [{ timeoutMs: Number.NaN }, 'ERR_OUT_OF_RANGE', RangeError, 'options.timeoutMs'],
    [{ signal: 'soon' }, 'ERR_INVALID_ARG_TYPE', TypeError, 'options.signal'],
  ])('refuses %o with %s, naming the option', async (options, code, type, name) => {
    const error = await connectPersistent(join(dir, 'none.socket'), options as never).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(type);
    expect(error).toMatchObject({ code });
    expect((error as Error).message).toContain(name);
  });
});
