// Connections to Redis: ioredis loaded only when a cluster is used, settings
// that fail fast instead of queueing commands forever, and a watch that
// turns a connection lost for too long into one typed error.
import type { Redis, RedisOptions } from 'ioredis';
import type { ClusterAddress } from './cluster-url.js';
import { ClusterError } from './errors.js';
import { CONNECT_TIMEOUT_MS, LOST_AFTER_MS } from './settings.js';

/** How a connection is used: `blocking` ones may wait on the server (BullMQ's worker, stream reads). */
export type ConnectionRole = 'commands' | 'blocking';

/** Loads ioredis (an npm dependency loaded on first use, so that importing pprocess does not). */
async function loadRedis(): Promise<typeof Redis> {
  const module = await import('ioredis');
  return module.Redis;
}

/** The ioredis settings for `address`. */
export function redisOptions(address: ClusterAddress, role: ConnectionRole): RedisOptions {
  return {
    ...(address.path ? { path: address.path } : { host: address.host, port: address.port }),
    ...(address.username && { username: address.username }),
    ...(address.password && { password: address.password }),
    ...(address.tls && { tls: { servername: address.host } }),
    db: address.db,
    lazyConnect: true,
    connectTimeout: CONNECT_TIMEOUT_MS,
    // While disconnected, a command fails at once rather than waiting in a
    // queue; BullMQ requires blocking connections to wait (null).
    enableOfflineQueue: role === 'blocking',
    maxRetriesPerRequest: role === 'blocking' ? null : 1,
    // Keep trying briefly: the watch below decides when the loss is final.
    retryStrategy: (times: number) => Math.min(50 * times, 500),
  };
}

/**
 * Opens a connection to `address` and waits until it is ready; a
 * `ClusterError` (`ERR_CLUSTER_UNREACHABLE`) within seconds if Redis
 * cannot be reached or refuses the login.
 */
export async function openRedis(address: ClusterAddress, role: ConnectionRole): Promise<Redis> {
  const RedisClass = await loadRedis();
  const redis = new RedisClass({ ...redisOptions(address, role), retryStrategy: () => null });
  // Errors are reported through connect() below and the loss watch; an
  // 'error' event without a listener would crash the process.
  redis.on('error', () => {});
  try {
    await redis.connect();
    await redis.ping();
  } catch (cause) {
    redis.disconnect();
    throw new ClusterError('ERR_CLUSTER_UNREACHABLE', `Cannot reach Redis at ${address.display}: ${(cause as Error).message}`, { cause });
  }
  // Connected: from now on reconnect on loss, for the watch to judge.
  redis.options.retryStrategy = redisOptions(address, role).retryStrategy;
  return redis;
}

/**
 * Calls `onLost` once if any of `connections` stays disconnected for
 * `lostAfterMs`; returns a function that stops watching.
 */
export function watchConnections(
  connections: readonly Redis[],
  address: ClusterAddress,
  onLost: (error: ClusterError) => void,
  lostAfterMs = LOST_AFTER_MS,
): () => void {
  const timers = new Map<Redis, NodeJS.Timeout>();
  let reported = false;
  const stops = connections.map((redis) => {
    const onClose = () => {
      if (timers.has(redis) || reported) return;
      timers.set(redis, setTimeout(() => {
        if (reported) return;
        reported = true;
        onLost(new ClusterError('ERR_CLUSTER_CONNECTION_LOST', `Lost the connection to Redis at ${address.display} for more than ${lostAfterMs} ms`));
      }, lostAfterMs));
    };
    const onReady = () => {
      clearTimeout(timers.get(redis));
      timers.delete(redis);
    };
    redis.on('close', onClose);
    redis.on('ready', onReady);
    return () => {
      redis.off('close', onClose);
      redis.off('ready', onReady);
    };
  });
  return () => {
    for (const stop of stops) stop();
    for (const timer of timers.values()) clearTimeout(timer);
    timers.clear();
  };
}
