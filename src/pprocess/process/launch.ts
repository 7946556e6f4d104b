// Starting a created process: a fresh `node` running the child runtime, with
// its channel on file descriptor 3 (a socket pair made by libuv).
import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PProcessError } from '../errors.js';
import { siblingModule } from '../sibling-module.js';
import { assertMayStart, nodeCommand } from './node-command.js';
import { track } from './registry.js';
import { watchdogEnv } from './watchdog.js';

const runtimeEntry = fileURLToPath(siblingModule(import.meta.url, './child-runtime'));

/** What the new process will need. */
export interface LaunchOptions {
  /** A module it will import, to know whether it needs a TypeScript loader. */
  module?: string;
  /** Modules (file: URLs) it imports as soon as it is ready, ahead of any task. */
  preload?: readonly string[];
  /** Extra environment variables. */
  env?: Record<string, string>;
  /** Its working directory (default: this process's). */
  cwd?: string;
}

/** Starts a created process running the child runtime; its channel's socket is `stdio[3]`. */
export function spawnProcess(options: LaunchOptions = {}): ChildProcess {
  assertMayStart();
  const command = nodeCommand({ script: runtimeEntry, args: [...(options.preload ?? [])], module: options.module });
  const deathSignal = parentDeathSignal();
  const [file, ...args] = deathSignal ? [SETPRIV, '--pdeathsig', 'SIGKILL', '--', ...command] : command;
  const child = spawn(file!, args, {
    stdio: ['inherit', 'inherit', 'inherit', 'pipe'],
    cwd: options.cwd,
    env: { ...process.env, ...options.env, ...watchdogEnv(parentDeathSignal()) },
  });
  if (child.pid === undefined) {
    // The cause arrives later as an 'error' event; the error thrown here reports it now.
    child.once('error', () => {});
    throw new PProcessError('ERR_SPAWN', `Could not start a process with ${process.execPath}`);
  }
  track(child, { signalHandlers: !deathSignal });
  child.unref();
  return child;
}

/** Whether the processes `spawnProcess()` starts by default can load TypeScript modules. */
export function runtimeLoadsTypeScript(): boolean {
  return nodeCommand({ script: runtimeEntry }).some((arg) => arg.includes('tsx'));
}

const SETPRIV = '/usr/bin/setpriv';
let setprivUsable: boolean | undefined;

// Whether created processes can be started with a parent-death signal, so
// that the kernel kills them the moment their creator dies, however it dies
// (SIGKILL included) and whatever they are doing. Linux, with util-linux's
// setpriv; elsewhere they notice that their channel closed instead.
export function parentDeathSignal(): boolean {
  if (setprivUsable === undefined) {
    try {
      accessSync(SETPRIV, constants.X_OK);
      setprivUsable = process.platform === 'linux' && process.env.PPROCESS_NO_PDEATHSIG === undefined;
    } catch {
      setprivUsable = false;
    }
  }
  return setprivUsable;
}
