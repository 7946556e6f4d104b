// What a cluster leaves in Redis: the queue's own few keys may stay, while
// nothing of a run (jobs, shared data, events of its jobs) may.
import type { Redis } from 'ioredis';

/** Keys that belong to the queue itself rather than to any run. */
const QUEUE_KEYS = new Set(['meta', 'stalled-check', 'id', 'events', 'marker']).values();
const QUEUE_KEY_NAMES = new Set([...QUEUE_KEYS].map((name) => `pprocess:tasks:${name}`));

/** Keys other than the queue's own, and events stream entries that name a job. */
export async function leftovers(redis: Redis): Promise<{ keys: string[]; jobEvents: string[] }> {
  const keys = (await redis.keys('*')).filter((key) => !QUEUE_KEY_NAMES.has(key)).sort();
  const entries = await redis.xrange('pprocess:tasks:events', '-', '+');
  const jobEvents = entries
    .filter(([, fields]) => fields.includes('jobId'))
    .map(([id, fields]) => `${id} ${fields.join(' ')}`.slice(0, 200));
  return { keys, jobEvents };
}
