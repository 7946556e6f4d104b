// Every process this process created (but background ones), so that none
// outlives its creator: they are ended when the creator exits, throws or is
// interrupted.
import type { ChildProcess } from 'node:child_process';

const live = new Set<ChildProcess>();
// Processes started ahead of time and not yet given work (see spares.ts).
const idle = new Set<number>();
const exitWaiters = new Set<() => void>();
let exitHandlerInstalled = false;
let signalHandlersInstalled = false;

/**
 * Records a created process until it exits. With `signalHandlers`, SIGINT,
 * SIGTERM and SIGHUP that the program does not handle itself end the created
 * processes before the creator dies of them (needed where the kernel cannot
 * do it: see launch.ts).
 */
export function track(child: ChildProcess, options: { signalHandlers: boolean }): void {
  live.add(child);
  child.once('exit', () => {
    live.delete(child);
    idle.delete(child.pid!);
    if (allIdle()) for (const wake of exitWaiters) wake();
  });
  installHandlers(options.signalHandlers);
}

/** The created processes that have not exited yet. */
export function liveProcesses(): ChildProcess[] {
  return [...live];
}

/** Marks a process as started ahead of time and waiting for work, or as given work. */
export function markIdle(pid: number, isIdle: boolean): void {
  if (isIdle) idle.add(pid);
  else idle.delete(pid);
  if (isIdle && allIdle()) for (const wake of exitWaiters) wake();
}

/** Waits for every created process to exit, but those waiting for work (see `prestart()`). */
export function waitForAll(): Promise<void> {
  if (allIdle()) return Promise.resolve();
  for (const child of live) if (!idle.has(child.pid!)) child.ref();
  return new Promise((resolve) => {
    const wake = () => {
      exitWaiters.delete(wake);
      resolve();
    };
    exitWaiters.add(wake);
  });
}

/** Ends every created process still running. */
export function endAll(signal: NodeJS.Signals = 'SIGTERM'): void {
  for (const child of live) {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
  }
}

function installHandlers(signals: boolean): void {
  if (!exitHandlerInstalled) {
    exitHandlerInstalled = true;
    process.on('exit', () => endAll());
  }
  if (!signals || signalHandlersInstalled) return;
  signalHandlersInstalled = true;
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    const onSignal = () => {
      // The program handles the signal itself: it decides what happens, and
      // its created processes run on (as with a parent-death signal, where
      // no handler is installed) until it exits (see the 'exit' handler).
      if (process.listenerCount(signal) > 1) return;
      // Nobody else handles it: end them, then die of it as if never caught.
      endAll();
      process.removeListener(signal, onSignal);
      process.kill(process.pid, signal);
    };
    process.on(signal, onSignal);
  }
}

function allIdle(): boolean {
  for (const child of live) if (!idle.has(child.pid!)) return false;
  return true;
}
