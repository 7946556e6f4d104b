// The creator's pool of created processes: each boots once and then runs one
// task after another, with its modules still loaded, until it has been idle
// for a while, is retired, or the creator exits.
import type { Channel } from '../channel/channel.js';
import type { RunRequest } from '../channel/protocol.js';
import { getNumberOfCores } from '../cores.js';
import { invalidType, outOfRange, PProcessError } from '../errors.js';
import { moduleHref } from './callable.js';
import { runtimeLoadsTypeScript, spawnProcess } from './launch.js';
import { PooledProcess } from './pooled-process.js';
import { markIdle } from './registry.js';

/** Options of `prestart()`. */
export interface PrestartOptions {
  /**
   * Accepted for compatibility and no longer needed: processes go back to
   * the pool after each task, so none has to be started in a taken one's place.
   * @default true (it has no effect either way)
   * @example
   * ```ts
   * await prestart(4, { refill: false });
   * ```
   */
  refill?: boolean;
  /**
   * Modules each process this call boots imports as it boots (file: URLs
   * or absolute paths), so that its first task finds them loaded, as when
   * the creator knows which task comes next but not its arguments yet.
   * Processes already idle are left as they are. A module's
   * top-level code runs then, with the environment and working directory
   * the creator had when `prestart()` was called. A module that fails to
   * load is reported by the first task that imports it.
   * @default [] (each task's module is imported when the task arrives)
   * @example
   * ```ts
   * await prestart(4, { modules: [new URL('./worker.js', import.meta.url)] });
   * ```
   */
  modules?: readonly (string | URL)[];
}

/** How a task is placed on the pool. */
export interface PlaceOptions {
  /** The task's module, to know whether its process needs a TypeScript loader. */
  module: string;
  /** The most tasks a process may run, this one included (1: a brand-new process). */
  maxTasksPerProcess?: number;
}

const typeScriptModule = /\.(c|m)?tsx?$/;
// Idle processes, the most recently used last.
const idle: PooledProcess[] = [];
const idleTimers = new Map<PooledProcess, NodeJS.Timeout>();
// Where idle processes start from: a task takes on its creator's directory when it runs.
let startDirectory: string | undefined;

/**
 * Runs a task on an idle process that can load its module, or on a new one,
 * and returns the task's channel. The process goes back to the pool when
 * the task ends.
 */
export function runOnPool(request: RunRequest, options: PlaceOptions): Channel {
  const maxTasks = options.maxTasksPerProcess ?? settings().maxTasksPerProcess;
  const needsTypeScript = typeScriptModule.test(options.module);
  let process: PooledProcess | undefined;
  for (let i = idle.length - 1; i >= 0; i--) {
    const candidate = idle[i]!;
    if (candidate.tasks < maxTasks && (!needsTypeScript || candidate.loadsTypeScript)) {
      process = candidate;
      idle.splice(i, 1);
      clearTimeout(idleTimers.get(candidate));
      idleTimers.delete(candidate);
      markIdle(candidate.pid, false);
      break;
    }
  }
  process ??= boot(options.module);
  return process.run(request, maxTasks);
}

/**
 * Boots `count` processes (default: the number of cores) into the pool ahead
 * of the first task, so that it skips a process's start-up; resolves when
 * they are all ready. `prestart(0)` ends the idle ones. Idle processes do not
 * keep the program alive, and `waitall()` does not wait for them; one idle
 * for longer than `PPROCESS_IDLE_TIMEOUT_MS` (default 5,000) ends.
 */
export async function prestart(count: number = getNumberOfCores(), options: PrestartOptions = {}): Promise<void> {
  if (!Number.isInteger(count) || count < 0 || count > MAX_PRESTART) {
    throw outOfRange(`prestart(): count must be an integer from 0 to ${MAX_PRESTART}, got ${String(count)}`);
  }
  if (options.refill !== undefined && typeof options.refill !== 'boolean') {
    throw invalidType(`prestart(): refill must be a boolean, got ${typeof options.refill}`);
  }
  if (options.modules !== undefined && !Array.isArray(options.modules)) {
    throw invalidType(`prestart(): modules must be an array of file: URLs or absolute paths, got ${typeof options.modules}`);
  }
  const modules = (options.modules ?? []).map((module) => moduleHref(module, 'prestart()'));
  startDirectory = process.cwd();
  if (count === 0) {
    for (const waiting of idle.splice(0)) retire(waiting);
    return;
  }
  while (idle.length < count) park(boot(undefined, modules));
  // One that ends meanwhile (retired, or taken and failed) is not this call's failure.
  await Promise.allSettled(idle.map((waiting) => waiting.ready()));
}

const MAX_PRESTART = 1024;

function boot(module: string | undefined, preload: readonly string[] = []): PooledProcess {
  const child = spawnProcess({ module: module ?? preload.find((href) => typeScriptModule.test(href)), preload, cwd: startDirectory });
  const loadsTypeScript = runtimeLoadsTypeScript() || [module ?? '', ...preload].some((href) => typeScriptModule.test(href));
  return new PooledProcess(child, loadsTypeScript, () => settings().startTimeoutMs, {
    taskDone: (done) => park(done),
    gone: (gone) => forget(gone),
  });
}

// Puts a process in the pool, to be given the next task or to end when idle too long.
function park(process: PooledProcess): void {
  idle.push(process);
  markIdle(process.pid, true);
  const timer = setTimeout(() => {
    forget(process);
    process.retire();
  }, settings().idleTimeoutMs);
  timer.unref();
  idleTimers.set(process, timer);
}

function retire(process: PooledProcess): void {
  forget(process);
  process.retire();
}

function forget(process: PooledProcess): void {
  const at = idle.indexOf(process);
  if (at >= 0) idle.splice(at, 1);
  clearTimeout(idleTimers.get(process));
  idleTimers.delete(process);
}

interface PoolSettings {
  idleTimeoutMs: number;
  startTimeoutMs: number;
  maxTasksPerProcess: number;
}

// The pool's settings, from the environment as it is now.
function settings(): PoolSettings {
  return {
    idleTimeoutMs: fromEnvironment('PPROCESS_IDLE_TIMEOUT_MS', 5_000),
    startTimeoutMs: fromEnvironment('PPROCESS_START_TIMEOUT_MS', 30_000),
    maxTasksPerProcess: fromEnvironment('PPROCESS_MAX_TASKS_PER_PROCESS', Infinity),
  };
}

function fromEnvironment(name: string, fallback: number): number {
  const text = process.env[name];
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1 || value > 2 ** 31 - 1) {
    throw new PProcessError('ERR_POOL_SETTING', `${name} must be a whole number from 1 to ${2 ** 31 - 1}, got ${JSON.stringify(text)}`);
  }
  return value;
}
