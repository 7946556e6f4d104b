// The client side of a cluster: a connection to Redis and the queue that
// workers on other machines take jobs from.
import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Callable } from '../index.js';
import { parseClusterUrl, type ClusterAddress } from './cluster-url.js';
import { ClusterMap, type ClusterMapOptions } from './cluster-map.js';
import { openRedis, watchConnections } from './connection.js';
import { ClusterError } from './errors.js';
import { DEFAULT_IN_FLIGHT, DEFAULT_QUEUE, EVENTS_MAX_LEN, KEY_PREFIX } from './settings.js';
import { taskRefOf } from './task-name.js';
import type { TaskRef } from './wire.js';

/** Options of `connectCluster`. */
export interface ClusterOptions {
  /**
   * The queue shared with the workers (default `tasks`).
   * @default 'tasks'
   * @example
   * ```ts
   * await using cluster = await connectCluster('redis://localhost:6379', { queue: 'renders' });
   * ```
   */
  queue?: string;
  /**
   * About how many entries the queue's events stream keeps (BullMQ's
   * `streams.events.maxLen`; it trims whole blocks of about 100 entries, so
   * the stream may hold somewhat more). Each job adds about three. A client
   * learns its results from this stream; one that falls further behind
   * reads them from the finished jobs instead, which costs a round trip
   * more, and fails with `ERR_CLUSTER_EVENTS_LOST` only where those are
   * gone too (after an hour). The setting belongs to the queue: the client
   * that connected last sets it for every client of the queue.
   *
   * @default 10000
   * @example
   * ```ts
   * // Many clients, or clients whose event loop is often busy, share this queue:
   * await connectCluster(url, { eventsMaxLen: 100_000 });
   * ```
   */
  eventsMaxLen?: number;
}

/**
 * Connects to the cluster at `url` (`redis://[:password@]host:port[/db]`,
 * `rediss://…` or `unix:///path.sock`); a `ClusterError` within seconds when
 * Redis cannot be reached (`ERR_CLUSTER_UNREACHABLE`) or the URL is wrong
 * (`ERR_CLUSTER_URL`).
 *
 * ```ts
 * await using cluster = await connectCluster('redis://:secret@queue.example:6379');
 * const squares = await cluster.pmap(makeParallel(import.meta.url, square), [1, 2, 3]).toArray();
 * ```
 */
export async function connectCluster(url: string, options: ClusterOptions = {}): Promise<Cluster> {
  const address = parseClusterUrl(url);
  const maxLen = options.eventsMaxLen ?? EVENTS_MAX_LEN;
  if (!Number.isInteger(maxLen) || maxLen < 1) {
    throw Object.assign(new RangeError(`connectCluster(): eventsMaxLen must be a positive integer, got ${String(maxLen)}`), { code: 'ERR_OUT_OF_RANGE' });
  }
  const commands = await openRedis(address, 'commands');
  try {
    const { Queue } = await import('bullmq');
    const queueName = options.queue ?? DEFAULT_QUEUE;
    const queue = new Queue(queueName, { connection: commands, prefix: KEY_PREFIX, streams: { events: { maxLen } } });
    queue.on('error', () => {});
    await queue.waitUntilReady();
    return new Cluster(address, commands, queue, queueName);
  } catch (error) {
    commands.disconnect();
    throw error;
  }
}

/** A connection to a cluster: runs `pmap` calls as jobs for its workers. */
export class Cluster {
  readonly #address: ClusterAddress;
  readonly #commands: Redis;
  readonly #queue: Queue;
  readonly #queueName: string;
  readonly #maps = new Set<ClusterMap<unknown>>();
  readonly #stopWatch: () => void;
  #lost: ClusterError | undefined;

  /** @internal Made by `connectCluster`. */
  constructor(address: ClusterAddress, commands: Redis, queue: Queue, queueName: string) {
    this.#address = address;
    this.#commands = commands;
    this.#queue = queue;
    this.#queueName = queueName;
    this.#stopWatch = watchConnections([commands], address, (error) => this.#onLost(error));
  }

  /** The cluster's URL, its password masked. */
  get address(): string {
    return this.#address.display;
  }

  /** How many workers are connected to this cluster's queue now. */
  workerCount(): Promise<number> {
    return this.#queue.getWorkersCount();
  }

  /**
   * Calls `callable` (made by `makeParallel()` or `makeReusable()`, maybe
   * with `partial()` arguments, or named by `remoteTask()`) on each element
   * of `sequence`, as jobs that the cluster's workers run. `partial()`
   * arguments go to Redis once, and to each worker process once.
   * Results come back in input order, each as soon as it is in.
   */
  pmap<Item, Result>(callable: Callable<[Item], Result> | Callable | TaskRef, sequence: Iterable<Item>, options: ClusterMapOptions = {}): ClusterMap<Result> {
    if (this.#lost) throw this.#lost;
    validate(options);
    const { leading, ...task } = '__callable' in callable ? taskRefOf(callable as Callable) : (callable as TaskRef);
    const events = this.#commands.duplicate({ lazyConnect: false, enableOfflineQueue: true });
    events.on('error', () => {});
    const map = new ClusterMap<Result>(
      { queue: this.#queue, queueName: this.#queueName, address: this.#address.display, commands: this.#commands, events },
      task,
      leading,
      [...sequence],
      { ...options, inFlight: options.inFlight ?? DEFAULT_IN_FLIGHT },
    );
    this.#track(map as ClusterMap<unknown>);
    return map;
  }

  /** Cancels running maps and closes the connection. */
  async close(): Promise<void> {
    await Promise.all([...this.#maps].map((map) => map.close()));
    this.#stopWatch();
    await this.#queue.close().catch(() => undefined);
    this.#commands.disconnect();
  }

  /** Closes the cluster (for `await using`). */
  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }

  #track(map: ClusterMap<unknown>): void {
    this.#maps.add(map);
    void map.finished.finally(() => this.#maps.delete(map));
  }

  #onLost(error: ClusterError): void {
    this.#lost = error;
    for (const map of this.#maps) map.fail(error);
    // Ended, the connection makes every command fail at once (nothing waits for a reconnection).
    this.#commands.disconnect();
  }
}

function validate({ chunkSize, timeoutMs, retries, inFlight }: ClusterMapOptions): void {
  const check = (name: string, value: number | undefined, min: number) => {
    if (value !== undefined && !(Number.isInteger(value) && value >= min)) {
      throw Object.assign(new RangeError(`pmap(): ${name} must be an integer ≥ ${min}, got ${String(value)}`), { code: 'ERR_OUT_OF_RANGE' });
    }
  };
  check('chunkSize', chunkSize, 1);
  check('retries', retries, 0);
  check('inFlight', inFlight, 1);
  if (timeoutMs !== undefined && !(typeof timeoutMs === 'number' && timeoutMs > 0 && timeoutMs <= 2 ** 31 - 1)) {
    throw Object.assign(new RangeError(`pmap(): timeoutMs must be a number of milliseconds > 0, got ${String(timeoutMs)}`), { code: 'ERR_OUT_OF_RANGE' });
  }
}
