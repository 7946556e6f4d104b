// The cluster's error classes and their stable codes: one registry, so
// callers and tests branch on `code`, never on message text.
import { PProcessError, RemoteError } from '../errors.js';

/** Every code a `ClusterError` can carry. */
export type ClusterErrorCode =
  /** A cluster URL that is not `redis://`, `rediss://` or `unix:///…`, or is malformed. */
  | 'ERR_CLUSTER_URL'
  /** Redis could not be reached when connecting. */
  | 'ERR_CLUSTER_UNREACHABLE'
  /** The connection to Redis was lost and did not come back in time. */
  | 'ERR_CLUSTER_CONNECTION_LOST'
  /** A worker refused a job naming a module it may not run (never retried). */
  | 'ERR_CLUSTER_FORBIDDEN_TASK'
  /** A callable that cannot be named to another machine (no package, a channel task). */
  | 'ERR_CLUSTER_TASK_NAME'
  /** A job that is not well formed (never retried). */
  | 'ERR_CLUSTER_BAD_JOB'
  /** A job ran longer than its `timeoutMs` on every attempt. */
  | 'ERR_TIMEOUT'
  /** A worker's process ended while running the job, on every attempt. */
  | 'ERR_PROCESS_EXIT'
  /** Workers died while holding the job more often than allowed. */
  | 'ERR_CLUSTER_STALLED'
  /** A job failed for another reason on every attempt. */
  | 'ERR_CLUSTER_JOB_FAILED'
  /** Events of the run's jobs were trimmed from the events stream before the client read them: their results are gone. */
  | 'ERR_CLUSTER_EVENTS_LOST';

/** An error of the cluster executor or worker; `taskIndex` names the task where one failed. */
export class ClusterError extends PProcessError<ClusterErrorCode> {
  /** Where known, the index of the task (its position in the sequence). */
  taskIndex: number | undefined;

  constructor(code: ClusterErrorCode, message: string, options?: ErrorOptions & { taskIndex?: number }) {
    super(code, message, options);
    this.taskIndex = options?.taskIndex;
  }
}

/** What a worker sends back for an exception thrown by a task (the shape `RemoteError` takes). */
export interface RemoteErrorData {
  name: string;
  message: string;
  stack?: string;
  code?: unknown;
  props?: Record<string, unknown>;
  cause?: RemoteErrorData;
}

/** An exception thrown by a task on another machine: a `RemoteError` that also names the host. */
export class ClusterRemoteError extends RemoteError {
  /** The host name of the machine whose process threw. */
  readonly host: string;

  constructor(remote: RemoteErrorData, host: string, pid: number, taskIndex?: number) {
    super(remote, pid, taskIndex);
    this.host = host;
    const [, ...frames] = (this.stack ?? '').split('\n');
    this.stack = [`RemoteError: ${remote.name}: ${remote.message} (in process ${pid} on ${host})`, ...frames].join('\n');
  }
}

/**
 * The text a worker fails a job with: the code first, so that the client
 * can rebuild a typed error from BullMQ's `failedReason` string.
 */
export function failureReason(code: ClusterErrorCode, message: string): string {
  return `${code}: ${message}`;
}

const REASON = /^(ERR_[A-Z_]+): ([\s\S]*)$/;
const STALLED = /stalled more than allowable limit/;

/** Rebuilds the error of task `taskIndex` from a failed job's reason and attempts. */
export function errorOfFailure(reason: string, taskIndex: number): ClusterError {
  const match = REASON.exec(reason);
  const code = (match?.[1] ?? (STALLED.test(reason) ? 'ERR_CLUSTER_STALLED' : 'ERR_CLUSTER_JOB_FAILED')) as ClusterErrorCode;
  const detail = match?.[2] ?? reason;
  return new ClusterError(code, `Task ${taskIndex} failed on the cluster: ${detail}`, { taskIndex });
}
