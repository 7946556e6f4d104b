// Exchanges over background processes: starting them at addresses, and
// connecting to them, in this program or a later one.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { makeParallel, PersistentExchange, PersistentQueue, type Channel } from '../../../src/pprocess/index.js';
import { outcome, runScript } from '../../helpers/processes.js';
import { backgroundPids, expectNothingLeft, removeSocketDirectory, socketDirectory } from './background-helpers.js';

const tasks = new URL('./fixtures/background-tasks.ts', import.meta.url);
const slowEcho = makeParallel(tasks, 'slowEcho');
let dir: string;

beforeEach(() => {
  dir = socketDirectory();
});

afterEach(() => {
  removeSocketDirectory(dir);
});

async function drain<T>(queue: AsyncIterable<T>): Promise<T[]> {
  const values: T[] = [];
  for await (const value of queue) values.push(value);
  return values;
}

describe('PersistentQueue', () => {
  test('start(address, ...) runs background processes and yields their results in arrival order', async () => {
    const queue = new PersistentQueue<string>();
    const go = join(dir, 'go');
    // The first started answers only once the second's answer has arrived.
    await queue.start(join(dir, 'late.socket'), makeParallel(tasks, 'whenFileExists'), go, 'late');
    await queue.start(join(dir, 'early.socket'), slowEcho, 'early', 0);
    const order: string[] = [];
    for await (const value of queue) {
      order.push(value);
      writeFileSync(go, '');
    }
    expect(order).toEqual(['early', 'late']);
    await expectNothingLeft(dir);
  });

  test('close() disconnects without ending the work; a new queue connects and collects it', async () => {
    const addresses = [join(dir, 'a.socket'), join(dir, 'b.socket')];
    const first = new PersistentQueue<string>({ limit: 2 });
    const run = first.manage(addresses[0]!, slowEcho);
    await run('a', 0);
    await first.start(addresses[1]!, slowEcho, 'b', 0);
    await first.close();
    expect(first.active()).toEqual([]);
    expect(backgroundPids(dir)).toHaveLength(2);

    const second = new PersistentQueue<string>();
    for (const address of addresses) await second.connect(address);
    expect((await drain(second)).sort()).toEqual(['a', 'b']);
    await expectNothingLeft(dir);
  });

  test('fork-style create(address): background processes replay the program to their call; a later run collects', async () => {
    const program = 'test/pprocess/fixtures/create/persistent.ts';
    const started = await outcome(runScript(program, [dir, 'start']));
    expect(started).toMatchObject({ stdout: 'Starting...\nstarted\n', exitCode: 0 });
    expect(backgroundPids(dir)).toHaveLength(3);
    const collected = await outcome(runScript(program, [dir, 'collect']));
    expect(collected).toMatchObject({ stdout: '[[0,0],[1,1],[2,4]]\n', exitCode: 0 });
    await expectNothingLeft(dir);
  });

  test('create() needs an address', async () => {
    const exchange = new PersistentExchange();
    await expect((exchange.create as () => Promise<unknown>).call(exchange)).rejects.toThrow(/address/);
  });

  test('connecting where nothing listens rejects with ENOENT', async () => {
    await expect(new PersistentQueue().connect(join(dir, 'none.socket'))).rejects.toMatchObject({ code: 'ENOENT' });
  });
});

describe('PersistentExchange', () => {
  // The original's pattern: a subclass storing what arrives.
  class Collector extends PersistentExchange {
    readonly stored: unknown[] = [];

    override async storeData(channel: Channel): Promise<void> {
      this.stored.push(await channel.receive());
    }
  }

  test('manage(address, callable) starts at the address; with limit 1, the next start waits for room', async () => {
    const exchange = new Collector({ limit: 1 });
    await exchange.manage(join(dir, 'one.socket'), slowEcho)('one', 200);
    await exchange.start(join(dir, 'two.socket'), slowEcho, 'two', 0);
    expect(exchange.stored).toEqual(['one']);
    await exchange.finish();
    expect(exchange.stored).toEqual(['one', 'two']);
    await expectNothingLeft(dir);
  });
});
