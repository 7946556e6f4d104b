// Reading one run's job events from the queue's events stream, and deleting
// them once read, so that the stream holds nothing of a finished run.
import type { Redis } from 'ioredis';

/** A finished job, as the events stream tells it. */
export type JobEvent =
  | { readonly kind: 'completed'; readonly jobId: string; readonly returnvalue: string }
  | { readonly kind: 'failed'; readonly jobId: string; readonly failedReason: string };

/** Events read per round trip. */
const BATCH = 1000;
/** How long one read waits on the server for new events. */
const BLOCK_MS = 1000;

/** The id of the stream's newest entry (`0-0` when empty): reading from it gives only later events. */
export async function streamEnd(redis: Redis, key: string): Promise<string> {
  const [newest] = await redis.xrevrange(key, '+', '-', 'COUNT', 1);
  return newest?.[0] ?? '0-0';
}

/**
 * Reads the events of jobs whose ids start with `jobPrefix`, from after
 * `fromId`, handing each finished job to `onEvent`, until `done()` says so.
 * Read events of the run are deleted from the stream (through `commands`).
 * Resolves with the last id read.
 */
export async function readRunEvents(
  blocking: Redis,
  commands: Redis,
  key: string,
  fromId: string,
  jobPrefix: string,
  onEvent: (event: JobEvent) => void,
  done: () => boolean,
): Promise<string> {
  let lastId = fromId;
  while (!done()) {
    const reply = await blocking.xread('COUNT', BATCH, 'BLOCK', BLOCK_MS, 'STREAMS', key, lastId);
    const entries = reply?.[0]?.[1] ?? [];
    const ours: string[] = [];
    for (const [id, fields] of entries) {
      lastId = id;
      const event = parseEntry(fields);
      if (!event.jobId?.startsWith(jobPrefix)) continue;
      ours.push(id);
      if (event.event === 'completed') onEvent({ kind: 'completed', jobId: event.jobId, returnvalue: event.returnvalue ?? '' });
      else if (event.event === 'failed') onEvent({ kind: 'failed', jobId: event.jobId, failedReason: event.failedReason ?? '' });
    }
    if (ours.length) void commands.xdel(key, ...ours).catch(() => undefined);
  }
  return lastId;
}

/** Deletes what is left in the stream of the run's events after `fromId` (those read after its end). */
export async function deleteRunEvents(commands: Redis, key: string, fromId: string, jobPrefix: string): Promise<void> {
  for (let start = `(${fromId}`; ;) {
    const entries = await commands.xrange(key, start, '+', 'COUNT', BATCH);
    const ours = entries.filter(([, fields]) => parseEntry(fields).jobId?.startsWith(jobPrefix)).map(([id]) => id);
    if (ours.length) await commands.xdel(key, ...ours);
    if (entries.length < BATCH) return;
    start = `(${entries.at(-1)![0]}`;
  }
}

function parseEntry(fields: string[]): Record<string, string | undefined> {
  const event: Record<string, string | undefined> = {};
  for (let i = 0; i + 1 < fields.length; i += 2) event[fields[i]!] = fields[i + 1];
  return event;
}
