// An ephemeral redis-server for tests: a unix socket in a temporary
// directory, nothing saved, started fresh and stopped after. Where
// redis-server is missing, the tests that need it are skipped, saying how
// to install it; under CI (CI=true) they fail instead.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { describe } from 'vitest';

/** How to get redis-server, for skip and failure messages. */
export const INSTALL_HINT = 'install it with `apt-get install redis-server` (Debian, Ubuntu) or your system\'s package manager';

/** Whether `redis-server` can be run here. */
export const hasRedisServer = spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status === 0;

/**
 * `describe`, run only where redis-server exists: skipped (saying how to
 * install it) elsewhere, except under CI, where a missing server fails.
 */
export function describeWithRedis(name: string, body: () => void): void {
  if (hasRedisServer) {
    describe(name, body);
  } else if (process.env.CI === 'true') {
    describe(name, () => {
      throw new Error(`redis-server is missing, and CI must run the cluster tests: ${INSTALL_HINT}`);
    });
  } else {
    process.stderr.write(`Skipping "${name}": redis-server is missing; ${INSTALL_HINT}\n`);
    describe.skip(`${name} (skipped: redis-server is missing; ${INSTALL_HINT})`, body);
  }
}

/** A running redis-server. */
export interface RedisServer {
  /** Its unix socket. */
  readonly socket: string;
  /** The cluster URL of the socket, `unix:///…`. */
  readonly url: string;
  readonly pid: number;
  /** A new connection to the server, for looking at what it holds; disconnect it after. */
  client(): Promise<Redis>;
  /** Stops the server (SIGKILL: nothing to save) and waits for it to exit. */
  stop(): Promise<void>;
  /** Stops the server and removes its directory. */
  dispose(): Promise<void>;
}

/** Starts a redis-server on a fresh unix socket and resolves once it answers PING. */
export async function startRedis(timeoutMs = 5000): Promise<RedisServer> {
  const dir = mkdtempSync(join(tmpdir(), 'pprocess-redis-'));
  const socket = join(dir, 'redis.sock');
  const child: ChildProcess = spawn('redis-server', [
    '--port', '0', '--unixsocket', socket, '--unixsocketperm', '700',
    '--save', '', '--appendonly', 'no', '--dir', dir,
  ], { stdio: 'ignore' });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await exited;
  };
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`redis-server exited with code ${child.exitCode} before answering`);
    if (await ping(socket)) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`redis-server did not answer on ${socket} within ${timeoutMs} ms`);
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return {
    socket,
    url: `unix://${socket}`,
    pid: child.pid!,
    async client() {
      const redis = new Redis({ path: socket, lazyConnect: true, maxRetriesPerRequest: 1, retryStrategy: () => null });
      redis.on('error', () => {});
      await redis.connect();
      return redis;
    },
    stop,
    async dispose() {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

// Whether a server answers PING on `socket`.
function ping(socket: string): Promise<boolean> {
  return new Promise((resolve) => {
    const connection = createConnection(socket);
    let reply = '';
    connection.setEncoding('utf8');
    connection.on('connect', () => connection.write('PING\r\n'));
    connection.on('data', (text: string) => {
      reply += text;
      if (reply.includes('\r\n')) {
        connection.end();
        resolve(reply.startsWith('+PONG'));
      }
    });
    connection.on('error', () => resolve(false));
  });
}
