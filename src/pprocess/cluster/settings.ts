// The cluster's timing and naming settings, in one place, each with why it
// has the value it has.

/** The BullMQ key prefix: every key the cluster makes starts with `pprocess:`. */
export const KEY_PREFIX = 'pprocess';

/** The queue that clients and workers share when none is named. */
export const DEFAULT_QUEUE = 'tasks';

/** How long a connection attempt may take before it counts as failed. */
export const CONNECT_TIMEOUT_MS = 3000;

/** How long a lost connection may take to come back before the run (or worker) fails. */
export const LOST_AFTER_MS = 3000;

/**
 * How long a worker's lock on a job lasts. A live worker renews it every
 * half of this; tasks run in child processes, so the worker's event loop is
 * free to renew even while a task computes. A worker that dies stops
 * renewing, and its job is free again at most this long after.
 */
export const LOCK_DURATION_MS = 3000;

/**
 * How often each worker looks for jobs whose lock has expired (stalled) and
 * puts them back in the queue. With the lock above, a SIGKILLed worker's job
 * runs elsewhere within about 3 + 1.5 = 4.5 seconds.
 */
export const STALLED_INTERVAL_MS = 1500;

/**
 * How many times a job may be held by a worker that died before it fails
 * with `ERR_CLUSTER_STALLED`; a job that kills every worker it reaches
 * must not go round for ever.
 */
export const MAX_STALLED_COUNT = 2;

/**
 * How long a finished job stays in Redis if its client does not remove it
 * (BullMQ's `removeOnComplete`/`removeOnFail` age). The client removes each
 * job once it has read its result; until then the job keeps the result, for
 * a client whose events were trimmed from the stream to read it there. A
 * client that vanished leaves its finished jobs this long (BullMQ removes
 * them as later jobs finish).
 */
export const FINISHED_KEEP_S = 60 * 60;

/** How often each worker removes finished jobs of runs that ended while the jobs ran (one command when there are none). */
export const ABANDONED_SWEEP_MS = 1000;

/** The events stream's approximate length cap (`streams.events.maxLen`), unless `eventsMaxLen` says otherwise. */
export const EVENTS_MAX_LEN = 10_000;

/** The wait between two attempts of a job that failed (`backoff`). */
export const RETRY_DELAY_MS = 200;

/** Jobs waiting or running at once per run, unless asked otherwise. */
export const DEFAULT_IN_FLIGHT = 512;

/** How long shared data stays in Redis if its client vanished without removing it. */
export const SHARED_TTL_S = 24 * 60 * 60;

/** How long a closing worker waits for its jobs and processes before it ends them. */
export const CLOSE_GRACE_MS = 5000;
