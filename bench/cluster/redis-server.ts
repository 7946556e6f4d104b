// An ephemeral redis-server on a unix socket in a temporary directory,
// nothing saved: for the cluster benchmark and the cluster tests.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** How to get redis-server, for skip and failure messages. */
export const INSTALL_HINT = "install it with `apt-get install redis-server` (Debian, Ubuntu) or your system's package manager";

/** Whether `redis-server` can be run here. */
export function hasRedisServer(): boolean {
  return spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status === 0;
}

/** A running redis-server. */
export interface RedisServer {
  /** Its unix socket. */
  readonly socket: string;
  /** The cluster URL of the socket, `unix:///…`. */
  readonly url: string;
  readonly pid: number;
  /** Stops the server (SIGKILL: nothing to save) and waits for it to exit. */
  stop(): Promise<void>;
  /** Stops the server and removes its directory. */
  dispose(): Promise<void>;
}

/** Starts a redis-server on a fresh unix socket and resolves once it answers PING. */
export async function startRedisServer(timeoutMs = 5000): Promise<RedisServer> {
  const dir = mkdtempSync(join(tmpdir(), 'pprocess-redis-'));
  const socket = join(dir, 'redis.sock');
  const child = spawn('redis-server', [
    '--port', '0', '--unixsocket', socket, '--unixsocketperm', '700',
    '--save', '', '--appendonly', 'no', '--dir', dir,
  ], { stdio: 'ignore' });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await exited;
  };
  const dispose = async () => {
    await stop();
    rmSync(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + timeoutMs;
  while (!(await ping(socket))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      await dispose();
      throw new Error(`redis-server did not answer on ${socket} within ${timeoutMs} ms`);
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return { socket, url: `unix://${socket}`, pid: child.pid!, stop, dispose };
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
