// A cluster worker: takes jobs from the queue in Redis and runs each in one
// of its created processes. Jobs run in created processes (never in BullMQ's
// sandboxed children, which can spin after their parent is SIGKILLed); a
// created process exits as soon as its worker's channel ends.
import { hostname } from 'node:os';
import type { Job, Worker } from 'bullmq';
import { getNumberOfCores } from '../index.js';
import { parseClusterUrl } from './cluster-url.js';
import { openRedis, watchConnections } from './connection.js';
import { ClusterError, failureReason } from './errors.js';
import { ProcessPool } from './process-pool.js';
import {
  CLOSE_GRACE_MS, DEFAULT_QUEUE, EVENTS_MAX_LEN, KEY_PREFIX, LOCK_DURATION_MS, MAX_STALLED_COUNT, STALLED_INTERVAL_MS,
} from './settings.js';
import { TaskPolicy } from './task-policy.js';
import { isJobData, type JobData, type JobResult } from './wire.js';

/** Options of `startWorker`. */
export interface WorkerOptions {
  /**
   * Jobs run at once, each in its own created process (default: `getNumberOfCores()`).
   * @default getNumberOfCores()
   * @example
   * ```ts
   * const worker = await startWorker('redis://localhost:6379', { concurrency: 2 });
   * ```
   */
  concurrency?: number;
  /**
   * Modules beyond this package that jobs may name: absolute paths or package specifiers.
   * @default [] (only this package's own modules)
   * @example
   * ```ts
   * const worker = await startWorker('redis://localhost:6379', { allow: ['/srv/app/dist/tasks.js', 'my-tasks'] });
   * ```
   */
  allow?: readonly string[];
  /**
   * The queue to take jobs from (default `tasks`); clients must use the same.
   * @default 'tasks'
   * @example
   * ```ts
   * const worker = await startWorker('redis://localhost:6379', { queue: 'renders' });
   * ```
   */
  queue?: string;
}

/** A running worker. */
export interface ClusterWorker {
  /** The URL of the Redis it works for, its password masked. */
  readonly address: string;
  readonly concurrency: number;
  /** The pids of its created processes, now. */
  readonly pids: number[];
  /** Settles when the worker has stopped: resolves after `close()`, rejects if Redis was lost. */
  readonly closed: Promise<void>;
  /** Stops taking jobs, lets running ones finish, and ends the processes. */
  close(): Promise<void>;
}

/**
 * Starts a worker for the cluster at `url`; a `ClusterError`
 * (`ERR_CLUSTER_UNREACHABLE`) within seconds when Redis cannot be reached.
 */
export async function startWorker(url: string, options: WorkerOptions = {}): Promise<ClusterWorker> {
  const address = parseClusterUrl(url);
  const concurrency = options.concurrency ?? getNumberOfCores();
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw Object.assign(new RangeError(`startWorker(): concurrency must be a positive integer, got ${String(concurrency)}`), { code: 'ERR_OUT_OF_RANGE' });
  }
  const policy = new TaskPolicy(options.allow ?? []);
  const connection = await openRedis(address, 'blocking');
  const { Worker, UnrecoverableError } = await import('bullmq');
  const pool = new ProcessPool(concurrency);
  const host = hostname();

  const processJob = async (job: Job): Promise<JobResult> => {
    if (!isJobData(job.data)) throw new UnrecoverableError(failureReason('ERR_CLUSTER_BAD_JOB', `job ${job.id} is not a pprocess task`));
    const data: JobData = job.data;
    let module: string;
    try {
      module = policy.resolve(data.task);
    } catch (error) {
      throw new UnrecoverableError(failureReason('ERR_CLUSTER_FORBIDDEN_TASK', `${(error as Error).message} (worker ${host} pid ${process.pid})`));
    }
    try {
      const { reply, pid } = await pool.run({
        module,
        exportName: data.task.exportName,
        ...(data.shared && { sharedHash: data.shared.hash, loadShared: () => loadShared(connection, data.shared!.key) }),
        elements: Buffer.from(data.elements, 'base64'),
        ...(data.timeoutMs !== undefined && { timeoutMs: data.timeoutMs }),
      });
      if (!reply.ok) {
        // The task could not even be loaded here: no other attempt would do better.
        throw new UnrecoverableError(failureReason('ERR_CLUSTER_JOB_FAILED', `${reply.error.name}: ${reply.error.message} (on ${host}, pid ${pid})`));
      }
      return { host, pid, outcome: Buffer.from(reply.outcome).toString('base64') };
    } catch (error) {
      if (error instanceof ClusterError) throw new Error(failureReason(error.code, `${error.message} on ${host}`));
      throw error;
    }
  };

  const worker: Worker = new Worker(options.queue ?? DEFAULT_QUEUE, processJob, {
    connection,
    prefix: KEY_PREFIX,
    concurrency,
    lockDuration: LOCK_DURATION_MS,
    stalledInterval: STALLED_INTERVAL_MS,
    maxStalledCount: MAX_STALLED_COUNT,
    streams: { events: { maxLen: EVENTS_MAX_LEN } },
  } as ConstructorParameters<typeof Worker>[2]);
  // Errors are reported through `closed` (a lost connection) or per job.
  worker.on('error', () => {});

  let settle!: { resolve: () => void; reject: (error: Error) => void };
  const closed = new Promise<void>((resolve, reject) => (settle = { resolve, reject }));
  let closing: Promise<void> | undefined;
  const shutdown = (force: boolean, error?: Error): Promise<void> => {
    closing ??= (async () => {
      stopWatch();
      // Redis is gone: end the connection first, so that nothing waits for it to come back.
      if (error) connection.disconnect();
      // Without Redis, BullMQ's close has nothing left to wait for but its own time-outs.
      await withDeadline(worker.close(force), error ? 0 : CLOSE_GRACE_MS);
      await pool.close(CLOSE_GRACE_MS);
      connection.disconnect();
      if (error) settle.reject(error);
      else settle.resolve();
    })();
    return closing;
  };
  const stopWatch = watchConnections([connection], address, (error) => void shutdown(true, error));
  await worker.waitUntilReady();

  return {
    address: address.display,
    concurrency,
    get pids() {
      return pool.pids;
    },
    closed,
    close: () => shutdown(false),
  };
}

// Waits for `promise`, or `ms` at most (its failure is not this caller's concern).
async function withDeadline(promise: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([promise.catch(() => undefined), new Promise((resolve) => (timer = setTimeout(resolve, ms)))]);
  clearTimeout(timer);
}

async function loadShared(connection: import('ioredis').Redis, key: string): Promise<Uint8Array> {
  const bytes = await connection.getBuffer(key);
  if (!bytes) throw new ClusterError('ERR_CLUSTER_BAD_JOB', `the shared data ${key} is gone from Redis`);
  return bytes;
}
