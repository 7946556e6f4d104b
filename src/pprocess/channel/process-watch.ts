// The created process behind the creator's end of a channel: how it ended,
// which explains a channel that closed before the process said it finished.
import type { ChildProcess } from 'node:child_process';
import { ProcessExitError } from '../errors.js';
import { Waiters } from './waiters.js';

/** How a created process ended. */
export interface ExitStatus {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
}

// How long to wait for the exit status of a process whose channel closed early.
const EXIT_STATUS_WAIT_MS = 1000;

/**
 * What a channel knows of the created process behind it: a whole process
 * (`ProcessWatch`), or one task's time on a pooled process.
 */
export interface ProcessHandle {
  /** The exit status, once the process (or the task's time on it) has ended. */
  readonly status: ExitStatus | undefined;
  /** Whether someone waits for the end (the process must then keep the loop alive). */
  readonly waiting: boolean;
  exited(): Promise<ExitStatus>;
  keepAlive(alive: boolean): void;
  kill(signal: NodeJS.Signals): void;
  /** Why the channel closed early: how the process ended, once known. */
  closedEarly(pid: number): Promise<ProcessExitError>;
  /** How many more tasks the process may run (see `maxTasksPerProcess`), if bounded. */
  readonly tasksLeft?: number;
  /** Counts one more task run in the same visit (a reused process's next arguments). */
  noteTask?(): void;
}

export class ProcessWatch implements ProcessHandle {
  /** The exit status, once the process has exited. */
  status: ExitStatus | undefined;
  readonly #child: ChildProcess;
  readonly #waiters: Waiters<ExitStatus>;

  /** `onChange` is called when someone starts or stops waiting for the exit. */
  constructor(child: ChildProcess, onChange: () => void) {
    this.#child = child;
    this.#waiters = new Waiters(onChange);
    child.once('exit', (exitCode, signal) => {
      this.status = { exitCode, signal };
      this.#waiters.resolveAll(this.status);
    });
  }

  /** Whether someone waits for the exit (the process's handle must then keep the loop alive). */
  get waiting(): boolean {
    return this.#waiters.length > 0;
  }

  exited(): Promise<ExitStatus> {
    return this.status ? Promise.resolve(this.status) : this.#waiters.wait();
  }

  /** Lets the process's handle keep the event loop alive, or not. */
  keepAlive(alive: boolean): void {
    if (alive) this.#child.ref();
    else this.#child.unref();
  }

  kill(signal: NodeJS.Signals): void {
    if (this.#child.exitCode === null && this.#child.signalCode === null) this.#child.kill(signal);
  }

  /** Why the channel closed early: how the process ended, once known (or after a short wait). */
  async closedEarly(pid: number): Promise<ProcessExitError> {
    let timer: NodeJS.Timeout | undefined;
    const status = await Promise.race([
      this.exited(),
      new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), EXIT_STATUS_WAIT_MS))),
    ]);
    clearTimeout(timer);
    return status
      ? new ProcessExitError(pid, status.exitCode, status.signal, 'before finishing its work')
      : new ProcessExitError(pid, null, null, 'closed its channel before finishing its work');
  }
}
