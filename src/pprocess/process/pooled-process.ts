// A created process as its creator's pool holds it: booted once, then given
// one task after another, each task with a channel of its own over the
// process's one socket.
import type { ChildProcess } from 'node:child_process';
import type { Socket } from 'node:net';
import { Channel } from '../channel/channel.js';
import { ProcessWatch, type ExitStatus, type ProcessHandle } from '../channel/process-watch.js';
import { Kind, type RunRequest } from '../channel/protocol.js';
import { SocketLink } from '../channel/socket-link.js';
import { Waiters } from '../channel/waiters.js';
import { encodeValue } from '../channel/wire-value.js';
import { StartTimeoutError, type ProcessExitError } from '../errors.js';
import { SessionLink } from './session-link.js';

/** What a pooled process tells its pool. */
export interface PoolEvents {
  /** A task ended normally: the process may take another. */
  taskDone(process: PooledProcess): void;
  /** The process has exited or is going. */
  gone(process: PooledProcess): void;
}

// The channel end of one task.
interface Task {
  readonly link: SessionLink;
  readonly handle: TaskHandle;
  // Bounds the loading of the task's module (see startTimeoutMs).
  loadTimer: NodeJS.Timeout | undefined;
}

/** A process of the pool, in its creator. */
export class PooledProcess {
  readonly pid: number;
  /** Whether it can load TypeScript modules. */
  readonly loadsTypeScript: boolean;
  /** How many tasks it has been given. */
  tasks = 0;
  readonly #child: ChildProcess;
  readonly #watch: ProcessWatch;
  readonly #link: SocketLink;
  readonly #events: PoolEvents;
  readonly #startTimeoutMs: number;
  #task: Task | undefined;
  #reusable = true;
  #gone = false;
  #startFailure: StartTimeoutError | undefined;
  #maxTasks = Infinity;
  // Whoever waits for the boot keeps the event loop alive meanwhile.
  readonly #ready = new Waiters<void>(() => this.#keepAlive(this.#taskHolds));
  // Whether the running task's channel needs the event loop kept alive.
  #taskHolds = false;
  #isReady = false;
  #bootTimer: NodeJS.Timeout | undefined;

  constructor(child: ChildProcess, loadsTypeScript: boolean, startTimeoutMs: number, events: PoolEvents) {
    this.pid = child.pid!;
    this.loadsTypeScript = loadsTypeScript;
    this.#child = child;
    this.#events = events;
    this.#startTimeoutMs = startTimeoutMs;
    this.#watch = new ProcessWatch(child, () => {});
    this.#link = new SocketLink(child.stdio[3] as Socket);
    this.#link.listen({
      frame: (frame) => {
        if (frame.kind === Kind.ready) return this.#onReady();
        const task = this.#task;
        if (!task) return; // Left over from a task that is over.
        if (frame.kind === Kind.started) clearTimeout(task.loadTimer);
        task.link.deliver(frame);
        if (frame.kind === Kind.done) this.#endTask(frame.body[0] === 1);
      },
      broken: (error) => this.#task?.link.breakWith(error),
      closed: () => this.#onClosed(),
    });
    this.#bootTimer = this.#startTimer('boot');
    this.#keepAlive(false);
  }

  /** Resolves once the process has booted; rejects if it dies first. */
  ready(): Promise<void> {
    if (this.#isReady) return Promise.resolve();
    if (this.#gone) return Promise.reject(new Error(`Process ${this.pid} exited before it was ready`));
    return this.#ready.wait();
  }

  /** Whether a task runs on it. */
  get busy(): boolean {
    return this.#task !== undefined;
  }

  /** Whether it can take another task when this one ends. */
  get reusable(): boolean {
    return this.#reusable && !this.#gone;
  }

  /** Hands it a task; returns the task's channel. */
  run(request: RunRequest, maxTasks: number): Channel {
    if (this.#task || this.#gone) throw new Error(`Process ${this.pid} cannot take a task now`);
    const handle = new TaskHandle(this);
    const link = new SessionLink({
      link: this.#link,
      abandon: () => this.end(),
      keepAlive: (alive) => {
        this.#taskHolds = alive;
        this.#keepAlive(alive);
      },
      aborted: () => {
        this.#reusable = false;
      },
    });
    const task: Task = { link, handle, loadTimer: undefined };
    this.#task = task;
    this.#maxTasks = maxTasks;
    this.noteTask();
    const channel = new Channel(link, { pid: this.pid, process: handle });
    link.write(Kind.run, encodeValue(request));
    task.loadTimer = this.#startTimer('load');
    return channel;
  }

  /** How many more tasks it may run. */
  get tasksLeft(): number {
    return this.#maxTasks - this.tasks;
  }

  /** Counts a task run on it; past its bound, it is not used again. */
  noteTask(): void {
    if (++this.tasks >= this.#maxTasks) this.#reusable = false;
  }

  /** Never gives it another task: it ends now if idle, or when its task ends. */
  retire(): void {
    this.#reusable = false;
    if (!this.#task) this.#link.end();
    else if (!this.#task.link.open) this.#link.end();
  }

  /** Ends a task that was abandoned or cancelled: its process is not reused, and goes now. */
  end(): void {
    this.#reusable = false;
    this.#link.end();
  }

  /** Signals the process, if its task is the one asking. */
  kill(handle: TaskHandle, signal: NodeJS.Signals): void {
    if (this.#task?.handle === handle) this.#watch.kill(signal);
  }

  /** The exit status of the process. */
  exited(): Promise<ExitStatus> {
    return this.#watch.exited();
  }

  /** Why a task's channel closed early: a start-up that took too long, or how the process ended. */
  closedEarly(): Promise<ProcessExitError> {
    return this.#startFailure ? Promise.resolve(this.#startFailure) : this.#watch.closedEarly(this.pid);
  }

  /** @internal Keeps the event loop alive for the running task, if it waits on its channel. */
  keepTaskAlive(handle: TaskHandle, alive: boolean): void {
    // The task's own, or one that waits for the exit status of the process it ended.
    if (this.#task?.handle === handle || handle.status === undefined) {
      if (alive) this.#child.ref();
      else this.#child.unref();
    }
  }

  #keepAlive(taskHolds: boolean): void {
    this.#link.keepAlive(taskHolds || this.#ready.length > 0);
  }

  #onReady(): void {
    this.#isReady = true;
    clearTimeout(this.#bootTimer);
    this.#ready.resolveAll();
  }

  // A task ended normally: its channel closes, and the process goes back to
  // its pool, or, if it said it ends, its exit status is the task's.
  #endTask(ending: boolean): void {
    const task = this.#task!;
    this.#task = undefined;
    clearTimeout(task.loadTimer);
    if (ending) {
      this.#reusable = false;
      void this.#watch.exited().then((status) => task.handle.settle(status));
    } else {
      task.handle.settle({ exitCode: 0, signal: null });
    }
    task.link.finish(false);
    this.#taskHolds = false;
    this.#keepAlive(false);
    this.#child.unref();
    if (this.#reusable) this.#events.taskDone(this);
    else this.retire();
  }

  #onClosed(): void {
    this.#gone = true;
    clearTimeout(this.#bootTimer);
    this.#ready.rejectAll(new Error(`Process ${this.pid} exited before it was ready`));
    this.#events.gone(this);
    const task = this.#task;
    if (!task) return;
    clearTimeout(task.loadTimer);
    void this.#watch.exited().then((status) => task.handle.settle(status));
    task.link.finish(false);
  }

  // Bounds one phase of start-up: past it, the process is killed and its task fails saying so.
  #startTimer(phase: 'boot' | 'load'): NodeJS.Timeout {
    const timer = setTimeout(() => {
      this.#startFailure = new StartTimeoutError(this.pid, phase, this.#startTimeoutMs);
      this.#watch.kill('SIGKILL');
    }, this.#startTimeoutMs);
    timer.unref();
    return timer;
  }
}

/** A task's time on a pooled process, as its channel sees it. */
export class TaskHandle implements ProcessHandle {
  status: ExitStatus | undefined;
  readonly #process: PooledProcess;
  // Whoever waits for the task's end keeps the event loop alive.
  readonly #waiters = new Waiters<ExitStatus>(() => this.keepAlive(this.waiting));

  constructor(process: PooledProcess) {
    this.#process = process;
  }

  get waiting(): boolean {
    return this.#waiters.length > 0;
  }

  /** Resolves when the task is over: `{ exitCode: 0 }` when it ended normally, else how its process ended. */
  exited(): Promise<ExitStatus> {
    return this.status ? Promise.resolve(this.status) : this.#waiters.wait();
  }

  keepAlive(alive: boolean): void {
    this.#process.keepTaskAlive(this, alive);
  }

  kill(signal: NodeJS.Signals): void {
    this.#process.kill(this, signal);
  }

  closedEarly(): Promise<ProcessExitError> {
    return this.#process.closedEarly();
  }

  get tasksLeft(): number {
    return this.#process.tasksLeft;
  }

  noteTask(): void {
    this.#process.noteTask();
  }

  /** @internal */
  settle(status: ExitStatus): void {
    if (this.status) return;
    this.status = status;
    this.#waiters.resolveAll(status);
  }
}
