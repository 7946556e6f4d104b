// Starting a created process: a fresh `node` running the child runtime, with
// its channel on file descriptor 3 (a socket pair made by libuv).
import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import type { Socket } from 'node:net';
import { fileURLToPath } from 'node:url';
import { Channel } from '../channel/channel.js';
import { PProcessError } from '../errors.js';
import { assertMayStart, nodeCommand } from './node-command.js';
import { track } from './registry.js';
import { watchdogEnv } from './watchdog.js';

/** The file descriptor of the channel in a created process. */
export const CHANNEL_FD = 3;

const ownExtension = import.meta.url.endsWith('.ts') ? '.ts' : '.js';
const runtimeEntry = fileURLToPath(new URL(`./child-runtime${ownExtension}`, import.meta.url));

/** What the new process will need. */
export interface LaunchOptions {
  /** The module it will import, to know whether it needs a TypeScript loader. */
  module?: string;
  /** Extra environment variables. */
  env?: Record<string, string>;
  /** The script to run instead of the child runtime, with its arguments. */
  entry?: string;
  args?: string[];
  /** A module to load before the script (`--import`). */
  preload?: string;
  /** The new process's standard input (default: inherited). */
  stdin?: 'inherit' | 'ignore';
  /** Its working directory (default: this process's). */
  cwd?: string;
}

/** Starts a created process and returns the creator's end of its channel. */
export function launch(options: LaunchOptions = {}): Channel {
  assertMayStart();
  const command = nodeCommand({
    script: options.entry ?? runtimeEntry,
    args: options.args,
    module: options.module,
    preload: options.preload,
  });
  const [file, ...args] = parentDeathSignal() ? [SETPRIV, '--pdeathsig', 'SIGKILL', '--', ...command] : command;
  const child = spawn(file!, args, {
    stdio: [options.stdin ?? 'inherit', 'inherit', 'inherit', 'pipe'],
    cwd: options.cwd,
    env: { ...process.env, ...options.env, ...watchdogEnv(parentDeathSignal()) },
  });
  if (child.pid === undefined) {
    // The cause arrives later as an 'error' event; the error thrown here reports it now.
    child.once('error', () => {});
    throw new PProcessError('ERR_SPAWN', `Could not start a process with ${process.execPath}`);
  }
  track(child, { signalHandlers: !parentDeathSignal() });
  const channel = new Channel(child.stdio[CHANNEL_FD] as Socket, { pid: child.pid, process: child });
  child.unref();
  return channel;
}

/** Whether the processes `launch()` starts by default can load TypeScript modules. */
export function runtimeLoadsTypeScript(): boolean {
  return nodeCommand({ script: runtimeEntry }).some((arg) => arg.includes('tsx'));
}

const SETPRIV = '/usr/bin/setpriv';
let setprivUsable: boolean | undefined;

// Whether created processes can be started with a parent-death signal, so
// that the kernel kills them the moment their creator dies, however it dies
// (SIGKILL included) and whatever they are doing. Linux, with util-linux's
// setpriv; elsewhere they notice that their channel closed instead.
function parentDeathSignal(): boolean {
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
