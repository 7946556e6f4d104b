// Finding a run's job events that the events stream trimmed before the
// client read them: their results are read from the finished jobs, which
// stay until the client removes them; a run whose results are gone fails
// with a typed error instead of waiting for them for ever.
//
// BullMQ's completion script adds a job's event and finishes (or removes)
// the job in one atomic step. So a job gone from Redis at time T has its
// event in the stream before T, unless the stream was trimmed: once the
// client has read the stream to its end after T, a gone job still
// unaccounted for lost its event and its result.
import type { Redis } from 'ioredis';
import { ClusterError } from './errors.js';
import { forgetJobsNow, JOB_STATE_FIELDS, jobState, type JobEvent } from './finished-jobs.js';
import { FINISHED_KEEP_S } from './settings.js';
import { compareStreamIds } from './stream-id.js';

/** The least time between two audits, so that suspicions cost little however often they come. */
export const AUDIT_INTERVAL_MS = 1000;
/** How long reads may bring nothing, with jobs outstanding, before an audit anyway. */
export const IDLE_AUDIT_MS = 10_000;

/** What an audit needs of its run. */
export interface AuditedRun {
  readonly commands: Redis;
  /** The events stream's key. */
  readonly eventsKey: string;
  /** The queue's key prefix (`pprocess:<queue>`): its jobs are `<queueKey>:<jobId>`, its meta hash `<queueKey>:meta`. */
  readonly queueKey: string;
  /** The run's jobs that are in Redis and whose event has not been read. */
  outstanding(): readonly number[];
  /** Whether `job`'s event is still unread. */
  isOutstanding(job: number): boolean;
  /** The BullMQ id of job `job`. */
  jobId(job: number): string;
  /** Hands over a finished job's result, read from the job rather than from its event. */
  recover(event: JobEvent): void;
  /** Called once with the jobs whose events were lost, and the stream's cap. */
  onLost(jobs: readonly number[], maxLen: string | undefined): void;
}

/** One read of the stream, as the reader saw it. */
export interface StreamRead {
  /** The id the read started after. */
  readonly fromId: string;
  /** The stream's first entry just after the read (undefined: the stream was empty). */
  readonly firstId: string | undefined;
  /** The id of the last entry read so far. */
  readonly lastId: string;
  /** How many entries the read gave. */
  readonly entries: number;
  /** Whether the read gave fewer entries than it asked for: it reached the stream's end. */
  readonly reachedEnd: boolean;
}

interface OpenAudit {
  /** Jobs gone from Redis at the audit's time. */
  readonly missing: readonly number[];
  /** The stream's last entry just after that time. */
  readonly until: string;
  readonly maxLen: string | undefined;
}

/** Watches a run's reads of the events stream for lost events. */
export class EventAudit {
  readonly #run: AuditedRun;
  #open: OpenAudit | undefined;
  #suspect = false;
  #nextAllowed = 0;
  #lastEventAt = Date.now();

  constructor(run: AuditedRun) {
    this.#run = run;
  }

  /**
   * Judges one read: ends an open audit once the stream was read past its
   * time, and starts one (one round trip) when events may have been trimmed
   * or nothing came for a while. The next read must start after this settles.
   */
  async afterRead(read: StreamRead): Promise<void> {
    const now = Date.now();
    if (this.#open && (read.reachedEnd || compareStreamIds(read.lastId, this.#open.until) >= 0)) this.#conclude(this.#open);
    // The reader keeps one event of the run, at or before its last-read id,
    // in the stream: only trimming (or another client deleting the entry the
    // run started after) moves the stream's first entry past that id.
    if (read.firstId === undefined ? read.fromId !== '0-0' : compareStreamIds(read.firstId, read.fromId) > 0) this.#suspect = true;
    if (read.entries > 0) this.#lastEventAt = now;
    else if (now - this.#lastEventAt >= IDLE_AUDIT_MS) this.#suspect = true;
    if (this.#suspect && !this.#open && now >= this.#nextAllowed) await this.#start(now);
  }

  // Looks, in one round trip, at the outstanding jobs: takes the results of
  // those finished, and notes those gone from Redis.
  async #start(now: number): Promise<void> {
    this.#suspect = false;
    this.#nextAllowed = now + AUDIT_INTERVAL_MS;
    this.#lastEventAt = now;
    const jobs = this.#run.outstanding();
    if (!jobs.length) return;
    const { commands, eventsKey, queueKey } = this.#run;
    const pipeline = commands.pipeline();
    for (const job of jobs) pipeline.hmget(`${queueKey}:${this.#run.jobId(job)}`, ...JOB_STATE_FIELDS);
    // Queued after the jobs: the stream's end after the time they were looked at.
    pipeline.xrevrange(eventsKey, '+', '-', 'COUNT', 1);
    pipeline.hget(`${queueKey}:meta`, 'opts.maxLenEvents');
    const replies = (await pipeline.exec()) ?? [];
    const failed = replies.find(([error]) => error);
    if (failed) throw failed[0];
    const missing: number[] = [];
    const recovered: string[] = [];
    jobs.forEach((job, i) => {
      const state = jobState(this.#run.jobId(job), replies[i]![1] as (string | null)[]);
      if (state.kind === 'gone') missing.push(job);
      else if (state.kind === 'finished' && this.#run.isOutstanding(job)) {
        recovered.push(state.event.jobId);
        this.#run.recover(state.event);
      }
    });
    forgetJobsNow(commands, queueKey, recovered);
    if (!missing.length) return;
    const [newest] = replies[jobs.length]![1] as [string, string[]][];
    this.#open = { missing, until: newest?.[0] ?? '0-0', maxLen: (replies[jobs.length + 1]![1] as string | null) ?? undefined };
  }

  #conclude(audit: OpenAudit): void {
    this.#open = undefined;
    const lost = audit.missing.filter((job) => this.#run.isOutstanding(job));
    if (lost.length) this.#run.onLost(lost, audit.maxLen);
  }
}

/** The error of a run whose jobs' events were lost: how many, and what to do about it. */
export function eventsLostError(jobs: number, taskIndex: number, eventsKey: string, maxLen: string | undefined): ClusterError {
  const cap = maxLen ? `about ${maxLen} entries` : 'its cap';
  return new ClusterError(
    'ERR_CLUSTER_EVENTS_LOST',
    `${jobs} job${jobs === 1 ? '' : 's'} of this run finished, but ${jobs === 1 ? 'its result is' : 'their results are'} gone: `
      + `${jobs === 1 ? 'its event was' : 'their events were'} trimmed from the events stream ${eventsKey} (kept to ${cap}) before this client read ${jobs === 1 ? 'it' : 'them'}, `
      + `and ${jobs === 1 ? 'the job was' : 'the jobs were'} removed from Redis (finished jobs stay ${FINISHED_KEEP_S / 60} minutes, unless something else removes them), so the run cannot complete. `
      + 'The client fell behind: keep its event loop free while a run is going, have fewer jobs outstanding at once (the `inFlight` option of pmap), '
      + 'share the queue between fewer clients, or raise the cap (the `eventsMaxLen` option of connectCluster).',
    { taskIndex },
  );
}
