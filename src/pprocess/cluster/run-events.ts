// Reading one run's job events from the queue's events stream, and deleting
// them once read, so that the stream holds nothing of a finished run.
import type { Redis } from 'ioredis';
import type { EventAudit } from './event-audit.js';
import { forgetJobs, type JobEvent } from './finished-jobs.js';

export type { JobEvent } from './finished-jobs.js';

/** Events read per round trip. */
const BATCH = 1000;
/** How long one read waits on the server for new events. */
const BLOCK_MS = 1000;

/** The id of the stream's newest entry (`0-0` when empty): reading from it gives only later events. */
export async function streamEnd(redis: Redis, key: string): Promise<string> {
  const [newest] = await redis.xrevrange(key, '+', '-', 'COUNT', 1);
  return newest?.[0] ?? '0-0';
}

/** Where a run reads its events, and what it does with them. */
export interface RunEventsReading {
  /** A connection of its own, for blocking reads. */
  readonly blocking: Redis;
  /** The connection that deletes read events and finished jobs. */
  readonly commands: Redis;
  readonly key: string;
  /** The queue's key prefix (`pprocess:<queue>`), for removing the jobs read. */
  readonly queueKey: string;
  /** Read from after this id. */
  readonly fromId: string;
  /** Only events of jobs whose ids start with this are the run's. */
  readonly jobPrefix: string;
  onEvent(event: JobEvent): void;
  /** Whether to stop reading. */
  done(): boolean;
  /** Judges each read for lost events (see event-audit.ts). */
  readonly audit: EventAudit;
}

/**
 * Reads the events of jobs whose ids start with `jobPrefix`, from after
 * `fromId`, handing each finished job to `onEvent`, until `done()` says so.
 * Read events of the run are deleted from the stream, and their finished
 * jobs from Redis (through `commands`), but for the latest event, which
 * stays until a later one is read: while it is there, the stream's first
 * entry is at or before the last-read id, and only trimming moves it past
 * (what the audit looks for). Resolves with the last id read.
 */
export async function readRunEvents(reading: RunEventsReading): Promise<string> {
  const { blocking, commands, key, queueKey, jobPrefix, onEvent, done, audit } = reading;
  let lastId = reading.fromId;
  let anchor: string | undefined;
  while (!done()) {
    const fromId = lastId;
    // Sent together, so the stream's first entry costs no round trip of its own.
    const [reply, first] = await Promise.all([
      blocking.xread('COUNT', BATCH, 'BLOCK', BLOCK_MS, 'STREAMS', key, fromId),
      blocking.xrange(key, '-', '+', 'COUNT', 1),
    ]);
    const entries = reply?.[0]?.[1] ?? [];
    const ours: string[] = [];
    const finished: string[] = [];
    for (const [id, fields] of entries) {
      lastId = id;
      const event = parseEntry(fields);
      if (!event.jobId?.startsWith(jobPrefix)) continue;
      ours.push(id);
      const found = finishedJob(event.event, event.jobId, event);
      if (!found) continue;
      finished.push(found.jobId);
      onEvent(found);
    }
    if (ours.length) {
      const read = anchor ? [anchor, ...ours] : ours;
      anchor = read.pop();
      const pipeline = forgetJobs(commands.pipeline(), queueKey, finished);
      if (read.length) pipeline.xdel(key, ...read);
      if (pipeline.length) void pipeline.exec().catch(() => undefined);
    }
    if (done()) break;
    await audit.afterRead({ fromId, firstId: first[0]?.[0], lastId, entries: entries.length, reachedEnd: entries.length < BATCH });
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

// The finished job an event tells of, if it tells of one.
function finishedJob(kind: string | undefined, jobId: string, event: Record<string, string | undefined>): JobEvent | undefined {
  if (kind === 'completed') return { kind, jobId, returnvalue: event.returnvalue ?? '' };
  if (kind === 'failed') return { kind, jobId, failedReason: event.failedReason ?? '' };
  return undefined;
}

function parseEntry(fields: string[]): Record<string, string | undefined> {
  const event: Record<string, string | undefined> = {};
  for (let i = 0; i + 1 < fields.length; i += 2) event[fields[i]!] = fields[i + 1];
  return event;
}
