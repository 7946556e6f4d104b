// A run's finished jobs: kept in Redis until the client has their results,
// so that a result whose event the events stream trimmed can still be read
// from the job itself, then removed by the client.
import type { Queue } from 'bullmq';
import type { ChainableCommander, Redis } from 'ioredis';

/** A finished job, as its event in the stream, or the job itself, tells it. */
export type JobEvent =
  | { readonly kind: 'completed'; readonly jobId: string; readonly returnvalue: string }
  | { readonly kind: 'failed'; readonly jobId: string; readonly failedReason: string };

/** Queues, on `pipeline`, the removal of finished jobs `jobIds` of the queue whose keys start with `queueKey`. */
export function forgetJobs(pipeline: ChainableCommander, queueKey: string, jobIds: readonly string[]): ChainableCommander {
  if (!jobIds.length) return pipeline;
  return pipeline
    .del(...jobIds.flatMap((id) => [`${queueKey}:${id}`, `${queueKey}:${id}:logs`]))
    .zrem(`${queueKey}:completed`, ...jobIds)
    .zrem(`${queueKey}:failed`, ...jobIds);
}

/** What Redis holds of a job: gone, not finished yet, or finished with its result. */
export type JobState = { readonly kind: 'gone' } | { readonly kind: 'unfinished' } | { readonly kind: 'finished'; readonly event: JobEvent };

/** The fields `jobState` reads, for `HMGET`. */
export const JOB_STATE_FIELDS = ['timestamp', 'finishedOn', 'returnvalue', 'failedReason'] as const;

/** A job's state, from the `HMGET` of `JOB_STATE_FIELDS` on its key. */
export function jobState(jobId: string, [timestamp, finishedOn, returnvalue, failedReason]: readonly (string | null)[]): JobState {
  if (timestamp === null || timestamp === undefined) return { kind: 'gone' };
  if (!finishedOn) return { kind: 'unfinished' };
  // A completed job has a return value; a job that failed for good has none.
  return { kind: 'finished', event: returnvalue !== null && returnvalue !== undefined ? { kind: 'completed', jobId, returnvalue } : { kind: 'failed', jobId, failedReason: failedReason ?? '' } };
}

/** Removes finished jobs now (not waiting for the reply). */
export function forgetJobsNow(commands: Redis, queueKey: string, jobIds: readonly string[]): void {
  if (jobIds.length) void forgetJobs(commands.pipeline(), queueKey, jobIds).exec().catch(() => undefined);
}

/** The sorted set of jobs whose run ended while they ran: the workers remove each once it has finished. */
export function abandonedKey(queueKey: string): string {
  return `${queueKey}:abandoned`;
}

/**
 * Removes the jobs of a run that ended; those still running, which cannot
 * be removed yet, are marked abandoned, for the workers to remove them
 * once they finish (or, where one finished meanwhile, removed now).
 */
export async function removeJobs(commands: Redis, queue: Queue, queueKey: string, jobIds: readonly string[]): Promise<void> {
  const remove = (ids: readonly string[]) => Promise.all(ids.map((id) => queue.remove(id).then((n) => n === 1, () => false)));
  const removed = await remove(jobIds);
  const running = jobIds.filter((_, i) => !removed[i]);
  if (!running.length) return;
  await commands.zadd(abandonedKey(queueKey), ...running.flatMap((id) => [String(Date.now()), id]));
  // One that finished between the removal and the mark can go now.
  const now = await remove(running);
  const gone = running.filter((_, i) => now[i]);
  if (gone.length) await commands.zrem(abandonedKey(queueKey), ...gone);
}

/**
 * Removes the abandoned jobs that have finished (`remove` says whether it
 * could: a running job cannot be removed), and forgets those that are gone.
 */
export async function sweepAbandoned(connection: Redis, queueKey: string, remove: (jobId: string) => Promise<boolean>): Promise<void> {
  const ids = await connection.zrange(abandonedKey(queueKey), '0', '999');
  if (!ids.length) return;
  const removed = await Promise.all(ids.map(remove));
  const gone = ids.filter((_, i) => removed[i]);
  if (gone.length) await connection.zrem(abandonedKey(queueKey), ...gone);
}
