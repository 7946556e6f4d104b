// Socket addresses of background processes: UNIX-domain socket files. Checks
// that an address fits the platform's limit, and finds out what is at one:
// nothing, a live listener, or a stale socket file left by a dead process.
import { lstatSync, statSync, unlinkSync } from 'node:fs';
import { connect } from 'node:net';
import { dirname, resolve } from 'node:path';
import { SocketAddressError } from '../errors.js';

/**
 * The longest socket path, in bytes, that this platform accepts: the size of
 * `sockaddr_un.sun_path` less its terminating NUL (108 on Linux, 104 on the
 * BSDs and macOS).
 */
export const MAX_SOCKET_PATH_BYTES = process.platform === 'linux' ? 107 : 103;

/**
 * Validates an address given to a public API and returns its absolute path.
 * Throws a `TypeError` for anything but a non-empty path, and a `RangeError`
 * (code `ERR_SOCKET_PATH_TOO_LONG`) for a path longer than the platform allows,
 * so that nothing starts with an address that cannot work.
 */
export function resolveAddress(address: unknown, api: string): string {
  if (typeof address !== 'string' || address === '' || address.includes('\0')) {
    const got = typeof address === 'string' ? JSON.stringify(address) : typeof address;
    throw Object.assign(
      new TypeError(`${api} needs the path of a socket file as its address (e.g. "task.socket"), got ${got}`),
      { code: 'ERR_INVALID_ARG_TYPE' },
    );
  }
  const path = resolve(address);
  const bytes = Buffer.byteLength(path);
  if (bytes > MAX_SOCKET_PATH_BYTES) {
    throw Object.assign(
      new RangeError(
        `${api}: the socket address ${path} is ${bytes} bytes long, but socket paths are limited to ` +
          `${MAX_SOCKET_PATH_BYTES} bytes on this platform; use a shorter path (a directory nearer the root)`,
      ),
      { code: 'ERR_SOCKET_PATH_TOO_LONG', address: path },
    );
  }
  return path;
}

/** What is at an address. */
export type AddressState = 'free' | 'live' | 'stale';

/**
 * Finds out what is at `path`: nothing (`free`), a socket a process listens
 * at (`live`), or a socket file nobody listens at any more (`stale`). Throws
 * a `SocketAddressError` if the path is something else or cannot be reached.
 */
export async function probeAddress(path: string): Promise<AddressState> {
  let isSocket: boolean;
  try {
    isSocket = lstatSync(path).isSocket();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw addressError(error, path);
    assertDirectory(path);
    return 'free';
  }
  if (!isSocket) {
    throw new SocketAddressError('ENOTSOCK', path, `${path} exists and is not a socket: refusing to use or replace it`);
  }
  return new Promise((resolvePromise, reject) => {
    const socket = connect({ path });
    socket.once('connect', () => {
      socket.destroy();
      resolvePromise('live');
    });
    socket.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ECONNREFUSED') resolvePromise('stale');
      else if (error.code === 'ENOENT') resolvePromise('free');
      else reject(addressError(error, path));
    });
  });
}

/**
 * Makes `path` ready to listen at: a stale socket file is removed (its
 * process is gone, so nothing can be lost); a live one is an `EADDRINUSE`
 * error. Returns whether a stale file was replaced.
 */
export async function prepareToListen(path: string): Promise<{ replacedStale: boolean }> {
  const state = await probeAddress(path);
  if (state === 'live') throw addressInUse(path);
  if (state === 'stale') {
    try {
      unlinkSync(path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw addressError(error, path);
    }
  }
  return { replacedStale: state === 'stale' };
}

/** The error for an address where a live process already listens. */
export function addressInUse(path: string): SocketAddressError {
  return new SocketAddressError('EADDRINUSE', path,
    `The address ${path} is in use: a live process listens there. ` +
      'Choose another address, or connect to that process to collect its results');
}

/** Turns a system error about `path` (from connect, bind or stat) into a `SocketAddressError` that says what to do. */
export function addressError(error: unknown, path: string): SocketAddressError {
  const code = (error as NodeJS.ErrnoException).code ?? 'ERR_SOCKET_ADDRESS';
  const cause = { cause: error };
  switch (code) {
    case 'ENOENT':
      return new SocketAddressError(code, path,
        `No background process at ${path}: the socket file does not exist ` +
          '(its process finished and removed it, or none was started at this address)', cause);
    case 'ECONNREFUSED':
      return new SocketAddressError(code, path,
        `The socket file ${path} is stale: no process listens there any more (the one that made it died ` +
          'without removing it). Delete it, or start a new background process at this address, which replaces it', cause);
    case 'EADDRINUSE':
      return addressInUse(path);
    case 'EACCES':
    case 'EPERM':
      return new SocketAddressError(code, path,
        `Not allowed to use the socket address ${path}: it belongs to another user, or its directory is not writable`, cause);
    default:
      return new SocketAddressError(code, path, `Cannot use the socket address ${path}: ${(error as Error).message}`, cause);
  }
}

// A socket cannot be made in a missing directory: say so, naming it.
function assertDirectory(path: string): void {
  const directory = dirname(path);
  try {
    if (statSync(directory).isDirectory()) return;
  } catch {
    // Reported below.
  }
  throw new SocketAddressError('ENOENT', path, `Cannot listen at ${path}: the directory ${directory} does not exist`);
}
