// A background process is reachable by its owner only, and a client that
// speaks garbage loses its connection without harming the process or the
// next client.
import { statSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { backgroundCallable, connectPersistent, task } from '../../src/pprocess/index.js';
import { backgroundPids, expectNothingLeft, removeSocketDirectory, socketDirectory } from '../pprocess/persistent/background-helpers.js';

const tasks = new URL('../pprocess/persistent/fixtures/background-tasks.ts', import.meta.url);
let dir: string;

beforeEach(() => {
  dir = socketDirectory();
});

afterEach(() => {
  removeSocketDirectory(dir);
});

// Connects with a plain socket, writes `bytes`, and resolves when the process hangs up.
function speak(address: string, bytes: Buffer): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = connect(address, () => socket.write(bytes));
    socket.resume(); // Read (and drop) the greeting, so that the hang-up is seen.
    socket.on('error', () => {}); // The hang-up may come as a reset.
    socket.on('close', () => resolve());
    setTimeout(() => reject(new Error('the garbage-speaking client was not disconnected')), 5000).unref();
  });
}

test('a client speaking garbage is dropped; the process and the next client are unharmed', async () => {
  const address = join(dir, 'echo.socket');
  await backgroundCallable(address, task(tasks, 'echoAll'))();
  expect(statSync(address).mode & 0o777).toBe(0o600);
  const [pid] = backgroundPids(dir);

  await speak(address, Buffer.from('GET / HTTP/1.1\r\nHost: nowhere\r\n\r\n'));
  await speak(address, Buffer.from([0x7f, 0xff, 0xff, 0xff, 1, 2, 3])); // an absurd frame length

  expect(backgroundPids(dir)).toEqual([pid]);
  const client = await connectPersistent(address);
  await client.send({ still: 'working' });
  expect(await client.receive()).toEqual({ still: 'working' });
  await client.send(null);
  client.close();
  await expectNothingLeft(dir);
});
