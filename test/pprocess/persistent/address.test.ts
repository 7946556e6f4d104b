import { linkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { MAX_SOCKET_PATH_BYTES, prepareToListen, probeAddress, resolveAddress } from '../../../src/pprocess/persistent/address.js';
import { removeSocketDirectory, socketDirectory } from './background-helpers.js';

let dir: string;
const servers: Server[] = [];

beforeEach(() => {
  dir = socketDirectory();
});

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
  removeSocketDirectory(dir);
});

function listen(path: string): Promise<Server> {
  const server = createServer();
  servers.push(server);
  return new Promise((resolve) => server.listen(path, () => resolve(server)));
}

// A stale socket file: a second name for a socket whose server has closed
// (closing removes the first name only), as a process that died leaves one.
async function staleSocket(path: string): Promise<void> {
  const server = await listen(join(dir, 'live.socket'));
  linkSync(join(dir, 'live.socket'), path);
  await new Promise((resolve) => server.close(resolve));
}

describe('resolveAddress', () => {
  test('makes a relative address absolute', () => {
    expect(resolveAddress('task.socket', 'api()')).toBe(join(process.cwd(), 'task.socket'));
  });

  test(`accepts a path of ${MAX_SOCKET_PATH_BYTES} bytes and refuses a longer one, naming the limit`, () => {
    const fits = `/${'a'.repeat(MAX_SOCKET_PATH_BYTES - 1)}`;
    expect(resolveAddress(fits, 'api()')).toBe(fits);
    const error = (() => {
      try {
        resolveAddress(`${fits}b`, 'api()');
      } catch (error) {
        return error as RangeError & { code: string };
      }
    })();
    expect(error).toBeInstanceOf(RangeError);
    expect(error?.code).toBe('ERR_SOCKET_PATH_TOO_LONG');
    expect(error?.message).toContain(`limited to ${MAX_SOCKET_PATH_BYTES} bytes`);
  });

  test.each([[''], [42], [undefined], ['with\0nul']])('refuses %j with a TypeError', (address) => {
    expect(() => resolveAddress(address, 'api()')).toThrow(TypeError);
  });
});

describe('what is at an address', () => {
  test('nothing: free', async () => {
    expect(await probeAddress(join(dir, 'none.socket'))).toBe('free');
  });

  test('a listening socket: live, and listening there again is EADDRINUSE', async () => {
    const path = join(dir, 'live.socket');
    await listen(path);
    expect(await probeAddress(path)).toBe('live');
    await expect(prepareToListen(path)).rejects.toMatchObject({ code: 'EADDRINUSE', address: path });
  });

  test('a socket file nobody listens at: stale, and replaced when listening there', async () => {
    const path = join(dir, 'stale.socket');
    await staleSocket(path);
    expect(await probeAddress(path)).toBe('stale');
    expect(await prepareToListen(path)).toEqual({ replacedStale: true });
    expect(await probeAddress(path)).toBe('free');
  });

  test('a file that is not a socket is never replaced', async () => {
    const path = join(dir, 'notes.txt');
    writeFileSync(path, 'keep me');
    await expect(prepareToListen(path)).rejects.toMatchObject({ code: 'ENOTSOCK', address: path });
  });

  test('a missing directory is named', async () => {
    const path = join(dir, 'missing', 'task.socket');
    await expect(probeAddress(path)).rejects.toMatchObject({ code: 'ENOENT', message: expect.stringContaining(join(dir, 'missing')) });
  });
});
