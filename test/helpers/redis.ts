// An ephemeral redis-server for tests (see bench/cluster/redis-server.ts).
// Where redis-server is missing, the tests that need it are skipped, saying
// how to install it; under CI (CI=true) they fail instead.
import { Redis } from 'ioredis';
import { describe } from 'vitest';
import { hasRedisServer, INSTALL_HINT, startRedisServer, type RedisServer as Server } from '../../bench/cluster/redis-server.js';

/** A running redis-server, and a way to look inside. */
export interface RedisServer extends Server {
  /** A new connection to the server, for looking at what it holds; disconnect it after. */
  client(): Promise<Redis>;
}

const available = hasRedisServer();

/**
 * `describe`, run only where redis-server exists: skipped (saying how to
 * install it) elsewhere, except under CI, where a missing server fails.
 */
export function describeWithRedis(name: string, body: () => void): void {
  if (available) {
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

/** Starts a redis-server on a fresh unix socket, once it answers. */
export async function startRedis(): Promise<RedisServer> {
  const server = await startRedisServer();
  return {
    ...server,
    async client() {
      const redis = new Redis({ path: server.socket, lazyConnect: true, maxRetriesPerRequest: 1, retryStrategy: () => null });
      redis.on('error', () => {});
      await redis.connect();
      return redis;
    },
  };
}
