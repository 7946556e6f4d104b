// The results of one cluster pmap: elements cut into jobs on the queue,
// results read back from the events stream and given out in input order,
// and everything the run put in Redis removed when it ends.
import { createHash, randomBytes } from 'node:crypto';
import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { AbortError } from '../index.js';
import { ClusterError, ClusterRemoteError, errorOfFailure } from './errors.js';
import { deleteRunEvents, readRunEvents, streamEnd, type JobEvent } from './run-events.js';
import { KEY_PREFIX, RETRY_DELAY_MS, SHARED_TTL_S } from './settings.js';
import { pack, packText, unpackText, type JobData, type JobResult, type Outcome, type SharedRef, type TaskRef } from './wire.js';

/** Options of `Cluster.pmap`. */
export interface ClusterMapOptions {
  /**
   * Elements per job (default 1): many tiny tasks go faster a chunk at a time.
   * @default 1
   * @example
   * ```ts
   * const doubled = cluster.pmap(makeParallel(import.meta.url, double), items, { chunkSize: 100 });
   * ```
   */
  chunkSize?: number;
  /**
   * The most time one attempt of a job may take, in milliseconds; its process is then killed.
   * @default no limit
   * @example
   * ```ts
   * const frames = cluster.pmap(makeParallel(import.meta.url, renderFrame), scenes, { timeoutMs: 60_000 });
   * ```
   */
  timeoutMs?: number;
  /**
   * Further attempts of a job that failed (its process died or overran `timeoutMs`); default 0. A task's exception is not retried.
   * @default 0
   * @example
   * ```ts
   * const frames = cluster.pmap(makeParallel(import.meta.url, renderFrame), scenes, { timeoutMs: 60_000, retries: 2 });
   * ```
   */
  retries?: number;
  /**
   * Cancels the run: outstanding jobs are removed and reading rejects with an `AbortError`.
   * @default none: the run goes on until every job is done
   * @example
   * ```ts
   * const doubled = cluster.pmap(makeParallel(import.meta.url, double), items, { signal: AbortSignal.timeout(600_000) });
   * ```
   */
  signal?: AbortSignal;
  /**
   * The most jobs waiting or running at once (default 512).
   * @default 512
   * @example
   * ```ts
   * const doubled = cluster.pmap(makeParallel(import.meta.url, double), items, { inFlight: 64 });
   * ```
   */
  inFlight?: number;
}

/** What a map needs of its cluster. */
export interface MapContext {
  readonly queue: Queue;
  readonly queueName: string;
  /** The cluster's URL, password masked, for messages. */
  readonly address: string;
  readonly commands: Redis;
  /** A connection of its own, for blocking reads of the events stream. */
  readonly events: Redis;
}

interface Slot<T> {
  promise: Promise<T>;
  resolve(value: T): void;
  reject(error: Error): void;
  settled: boolean;
}

/** The ordered results of a cluster pmap: iterate with `for await`, or `get(i)`, `toArray()`. */
export class ClusterMap<T> implements AsyncIterable<T> {
  readonly #context: MapContext;
  readonly #task: TaskRef;
  readonly #elements: readonly unknown[];
  readonly #leading: readonly unknown[] | undefined;
  readonly #options: Required<Pick<ClusterMapOptions, 'chunkSize' | 'retries' | 'inFlight'>> & ClusterMapOptions;
  readonly #slots: Slot<T>[];
  readonly #runId = randomBytes(6).toString('hex');
  readonly #pending = new Set<number>();
  #left: number;
  #failure: Error | undefined;
  #wake: (() => void) | undefined;
  readonly #finished: Promise<void>;

  /** @internal Made by `Cluster.pmap`. */
  constructor(context: MapContext, task: TaskRef, leading: readonly unknown[] | undefined, elements: readonly unknown[], options: ClusterMapOptions & { inFlight: number }) {
    this.#context = context;
    this.#task = task;
    this.#leading = leading;
    this.#elements = elements;
    this.#options = { chunkSize: 1, retries: 0, ...options };
    this.#slots = elements.map(() => slot<T>());
    this.#left = this.#jobCount;
    const onAbort = () => this.fail(new AbortError(options.signal?.reason));
    options.signal?.addEventListener('abort', onAbort, { once: true });
    this.#finished = this.#run().finally(() => options.signal?.removeEventListener('abort', onAbort));
    if (options.signal?.aborted) onAbort();
  }

  /** How many results there are. */
  get length(): number {
    return this.#elements.length;
  }

  /** The result at `index`, once it is in; rejects with that task's error. */
  get(index: number): Promise<T> {
    const found = this.#slots[index];
    if (!Number.isInteger(index) || !found) {
      return Promise.reject(Object.assign(new RangeError(`get(): index must be an integer from 0 to ${this.length - 1}, got ${String(index)}`), { code: 'ERR_OUT_OF_RANGE' }));
    }
    return found.promise;
  }

  /** Every result, in input order; on the first failure the rest is cancelled and its error thrown. */
  async toArray(): Promise<T[]> {
    const values: T[] = [];
    for await (const value of this) values.push(value);
    return values;
  }

  /** Yields each result in input order as soon as it and those before it are in. Leaving early cancels the rest. */
  async *[Symbol.asyncIterator](): AsyncIterator<T> {
    let complete = false;
    try {
      for (let i = 0; i < this.length; i++) yield await this.#slots[i]!.promise;
      complete = true;
    } finally {
      if (!complete) await this.close();
      else await this.#finished;
    }
  }

  /** Cancels what is outstanding (with an `AbortError`) and waits until the run's jobs and data are out of Redis. */
  async close(): Promise<void> {
    this.fail(new AbortError('the map was closed'));
    await this.#finished;
  }

  /** @internal Settles once the run is over and its jobs and data are out of Redis. */
  get finished(): Promise<void> {
    return this.#finished;
  }

  /** @internal Ends the run with `error` for every result not yet in (a lost connection, an abort). */
  fail(error: Error): void {
    if (this.#left === 0 || this.#failure) return;
    this.#failure = error;
    for (const s of this.#slots) if (!s.settled) s.reject(error);
    this.#wake?.();
    // Stop a blocked read of the events stream at once.
    this.#context.events.disconnect();
  }

  get #jobCount(): number {
    return Math.ceil(this.#elements.length / this.#options.chunkSize);
  }

  get #eventsKey(): string {
    return `${KEY_PREFIX}:${this.#context.queueName}:events`;
  }

  async #run(): Promise<void> {
    const { commands, events } = this.#context;
    let shared: SharedRef | undefined;
    let fromId = '0-0';
    let submitting: Promise<void> | undefined;
    const prefix = `${this.#runId}-`;
    try {
      fromId = await streamEnd(commands, this.#eventsKey);
      if (this.#leading?.length) shared = await this.#storeShared();
      const reading = readRunEvents(events, commands, this.#eventsKey, fromId, prefix, (event) => this.#onEvent(event), () => this.#left === 0 || this.#failure !== undefined);
      submitting = this.#submit(shared);
      await Promise.all([reading, submitting]);
    } catch (error) {
      if (!this.#failure) this.fail(this.#asLoss(error as Error));
    } finally {
      // Jobs being added as the run failed must be in Redis before they can be removed.
      await submitting?.catch(() => undefined);
      events.disconnect();
      await this.#cleanUp(shared, fromId, prefix).catch(() => undefined);
    }
  }

  // A Redis command that failed because the connection went: one typed error.
  #asLoss(error: Error): Error {
    if (error instanceof ClusterError || this.#context.commands.status === 'ready') return error;
    return new ClusterError('ERR_CLUSTER_CONNECTION_LOST', `Lost the connection to Redis at ${this.#context.address}: ${error.message}`, { cause: error });
  }

  async #storeShared(): Promise<SharedRef> {
    const bytes = pack(this.#leading);
    const ref = { key: `${KEY_PREFIX}:${this.#context.queueName}:shared:${this.#runId}`, hash: createHash('sha256').update(bytes).digest('hex') };
    await this.#context.commands.set(ref.key, bytes, 'EX', SHARED_TTL_S);
    return ref;
  }

  // Adds jobs in batches, keeping at most `inFlight` outstanding.
  async #submit(shared: SharedRef | undefined): Promise<void> {
    const { chunkSize, inFlight, retries, timeoutMs } = this.#options;
    for (let next = 0; next < this.#jobCount && !this.#failure;) {
      if (this.#pending.size >= inFlight) {
        await new Promise<void>((resolve) => (this.#wake = resolve));
        continue;
      }
      const batch = [];
      for (; next < this.#jobCount && this.#pending.size < inFlight && batch.length < 200; next++) {
        const data: JobData = {
          v: 1,
          task: this.#task,
          ...(shared && { shared }),
          elements: packText(this.#elements.slice(next * chunkSize, (next + 1) * chunkSize)),
          ...(timeoutMs !== undefined && { timeoutMs }),
        };
        this.#pending.add(next);
        batch.push({
          name: this.#task.exportName,
          data,
          opts: { jobId: `${this.#runId}-${next}`, attempts: retries + 1, backoff: { type: 'fixed', delay: RETRY_DELAY_MS }, removeOnComplete: true, removeOnFail: true },
        });
      }
      await this.#context.queue.addBulk(batch);
    }
  }

  #onEvent(event: JobEvent): void {
    const job = Number(event.jobId.slice(this.#runId.length + 1));
    if (!this.#pending.delete(job) || this.#failure) return;
    const first = job * this.#options.chunkSize;
    const count = Math.min(this.#options.chunkSize, this.length - first);
    if (event.kind === 'failed') {
      for (let i = 0; i < count; i++) this.#settle(first + i, errorOfFailure(event.failedReason, first + i));
    } else {
      try {
        const result = JSON.parse(event.returnvalue) as JobResult;
        const outcome = unpackText<Outcome>(result.outcome);
        const failed = new Map(outcome.failures);
        for (let i = 0; i < count; i++) {
          const error = failed.get(i);
          this.#settle(first + i, error ? new ClusterRemoteError(error, result.host, result.pid, first + i) : undefined, outcome.values[i] as T);
        }
      } catch (cause) {
        for (let i = 0; i < count; i++) this.#settle(first + i, new ClusterError('ERR_CLUSTER_BAD_JOB', `Task ${first + i}: the job's result cannot be read`, { cause, taskIndex: first + i }));
      }
    }
    this.#left--;
    this.#wake?.();
  }

  #settle(index: number, error: Error | undefined, value?: T): void {
    const s = this.#slots[index]!;
    s.settled = true;
    if (error) s.reject(error);
    else s.resolve(value as T);
  }

  // Removes the jobs still outstanding, the shared data and the run's events.
  async #cleanUp(shared: SharedRef | undefined, fromId: string, prefix: string): Promise<void> {
    const { queue, commands } = this.#context;
    await Promise.all([...this.#pending].map((job) => queue.remove(`${prefix}${job}`).catch(() => 0)));
    if (shared) await commands.del(shared.key);
    await deleteRunEvents(commands, this.#eventsKey, fromId, prefix);
  }
}

function slot<T>(): Slot<T> {
  const s = { settled: false } as Slot<T>;
  s.promise = new Promise<T>((resolve, reject) => Object.assign(s, { resolve, reject }));
  // A result nobody reads must not be reported as an unhandled rejection.
  s.promise.catch(() => undefined);
  return s;
}
