// A created process's watch on its creator that does not need its own event
// loop: a thread that kills the process the moment the creator is gone, even
// while the task computes without yielding. Used where the kernel cannot do
// it (no parent-death signal: see launch.ts).
import { createRequire } from 'node:module';

/** The environment variable that asks a created process to watch its creator: the creator's pid. */
export const WATCHDOG_ENV = 'PPROCESS_WATCHDOG';

/** How often the thread looks at the process's parent. */
export const WATCHDOG_INTERVAL_MS = 100;

// The thread's code. It is plain JavaScript run from a string, without the
// program's loaders (`execArgv: []`), so it starts fast and loads nothing.
// When the creator dies, the process is given to another parent (init, or a
// subreaper): its parent pid changes, and it dies at once, of SIGKILL, as it
// would of a parent-death signal.
const WATCH = `
const { workerData } = require('node:worker_threads');
const check = () => {
  if (process.ppid !== workerData.creator) process.kill(process.pid, 'SIGKILL');
};
check();
setInterval(check, workerData.intervalMs);
`;

/**
 * The environment a created process needs to watch its creator (this
 * process): nothing when the kernel ends it instead (`parentDeathSignal`).
 */
export function watchdogEnv(parentDeathSignal: boolean): Record<string, string> {
  return parentDeathSignal ? {} : { [WATCHDOG_ENV]: String(process.pid) };
}

/**
 * In a created process: starts the watch if its creator asked for one
 * (see `watchdogEnv()`). The thread does not keep the process alive.
 */
export function startWatchdog(): void {
  const creator = Number(process.env[WATCHDOG_ENV]);
  // Processes this one starts get their own watch, from their own creator.
  delete process.env[WATCHDOG_ENV];
  if (!Number.isInteger(creator) || creator <= 0) return;
  // Loaded only here, where the kernel does not end this process with its creator; at
  // once, not by import(), so that the watch is on before a task can keep this thread busy.
  const { Worker } = createRequire(import.meta.url)('node:worker_threads') as typeof import('node:worker_threads');
  const watchdog = new Worker(WATCH, {
    eval: true,
    execArgv: [],
    env: {},
    workerData: { creator, intervalMs: WATCHDOG_INTERVAL_MS },
  });
  // A watch that failed must not fail the task: say so and carry on.
  watchdog.on('error', (error) => {
    process.stderr.write(`pprocess: process ${process.pid} cannot watch its creator ${creator}: ${error.message}\n`);
  });
  watchdog.unref();
}
