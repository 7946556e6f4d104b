// A client connects only to a socket file of its own user, in directories no
// other user can change: anywhere else another user could have put a forged
// process at the address.
import { spawn } from 'node:child_process';
import { chmodSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { backgroundCallable, connectPersistent, task } from '../../../src/pprocess/index.js';
import { killAll, lineMatching } from '../../helpers/processes.js';
import { expectNothingLeft, removeSocketDirectory, socketDirectory } from './background-helpers.js';

const tasks = new URL('./fixtures/background-tasks.ts', import.meta.url);
let dir: string;

beforeEach(() => {
  dir = socketDirectory();
});

afterEach(() => {
  removeSocketDirectory(dir);
});

// A directory under the test's own, with exactly `mode`.
function directoryWithMode(name: string, mode: number): string {
  const path = join(dir, name);
  mkdirSync(path);
  chmodSync(path, mode);
  return path;
}

async function echoes(address: string): Promise<unknown> {
  const client = await connectPersistent(address);
  await client.send('ping');
  const answer = await client.receive();
  await client.send(null);
  client.close();
  return answer;
}

describe('connectPersistent() refuses a socket file that another user could have put there', () => {
  test('in a directory anyone can write to, without the sticky bit', async () => {
    const open = directoryWithMode('open', 0o777);
    const address = join(open, 'job.socket');
    await backgroundCallable(address, task(tasks, 'echoAll'))();
    const error = await connectPersistent(address).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'SocketAddressError', code: 'ERR_SOCKET_UNTRUSTED', address });
    expect((error as Error).message).toContain(`${open} can be written by other users (mode 0777`);
    expect((error as Error).message).toContain('0700');
    // The same process is reachable once its directory is private again.
    chmodSync(open, 0o700);
    expect(await echoes(address)).toBe('ping');
    await expectNothingLeft(dir);
  });

  test('but not in a sticky directory anyone can write to, such as /tmp', async () => {
    const shared = directoryWithMode('shared', 0o1777);
    const address = join(shared, 'job.socket');
    await backgroundCallable(address, task(tasks, 'echoAll'))();
    expect(await echoes(address)).toBe('ping');
    await expectNothingLeft(dir);
  });

  test.skipIf(process.getuid?.() !== 0)('owned by another user', async () => {
    // Another user (nobody) listens in a sticky directory we own: the directory is
    // fine, the file is not ours.
    chmodSync(dir, 0o711);
    const shared = directoryWithMode('shared', 0o1777);
    const address = join(shared, 'forged.socket');
    const forger = spawn('/usr/bin/setpriv', [
      '--reuid', 'nobody', '--regid', 'nogroup', '--clear-groups', '--',
      process.execPath, '-e',
      "require('node:net').createServer((s) => s.end()).listen(process.argv[1], () => console.log('listening'))",
      address,
    ], { stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      await lineMatching(forger, /^listening$/);
      expect(statSync(address).uid).not.toBe(process.getuid!());
      const error = await connectPersistent(address).catch((e: unknown) => e);
      expect(error).toMatchObject({ name: 'SocketAddressError', code: 'ERR_SOCKET_UNTRUSTED', address });
      expect((error as Error).message).toContain(`belongs to user ${statSync(address).uid}, not to this user`);
    } finally {
      killAll([forger.pid!]);
    }
  });
});
