// What a cluster leaves in Redis: each queue's own few keys may stay, while
// nothing of a run (jobs, shared data, events of its jobs) may.
import type { Redis } from 'ioredis';

/** Keys that belong to a queue itself rather than to any run. */
const QUEUE_KEY = /^pprocess:[^:]+:(meta|stalled-check|id|events|marker)$/;

/** Keys other than the queues' own, and events stream entries that name a job. */
export async function leftovers(redis: Redis, queue = 'tasks'): Promise<{ keys: string[]; jobEvents: string[] }> {
  const keys = (await redis.keys('*')).filter((key) => !QUEUE_KEY.test(key)).sort();
  const entries = await redis.xrange(`pprocess:${queue}:events`, '-', '+');
  const jobEvents = entries
    .filter(([, fields]) => fields.includes('jobId'))
    .map(([id, fields]) => `${id} ${fields.join(' ')}`.slice(0, 200));
  return { keys, jobEvents };
}
