// Starting background processes: detached processes, in their own session,
// that run a callable with a persistent channel listening at an address and
// outlive their creator. Results wait there until a client connects.
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import type { Socket } from 'node:net';
import { fileURLToPath } from 'node:url';
import { Channel } from '../channel/channel.js';
import { CHANNEL_FD, Kind } from '../channel/protocol.js';
import { assertCloneable, encodeValue } from '../channel/wire-value.js';
import { invalidType, PProcessError, ProcessExitError, RemoteError, SocketAddressError } from '../errors.js';
import { siblingModule } from '../sibling-module.js';
import { assertCallable, specOf, type AnyCallable, type Callable, type CallableSpec } from '../process/callable.js';
import { replaySetup } from '../process/create.js';
import { REPLAY_ENV, type ReplayPlan } from '../process/replay.js';
import { addressInUse, probeAddress, resolveAddress } from './address.js';
import { assertMayStart, nodeCommand } from '../process/node-command.js';

/** Options of a background process. */
export interface BackgroundOptions {
  /**
   * A file that receives the background process's standard output and error
   * (appended to; created readable by its owner only). By default they are
   * discarded: the process is detached from the creator's terminal.
   * @default none: the output is discarded
   * @example
   * ```ts
   * const startJob = backgroundCallable('/tmp/job.sock', makeParallel(import.meta.url, crunch), { log: '/tmp/job.log' });
   * ```
   */
  log?: string;
}

/**
 * What the creator hands a new background process, on file descriptor 3.
 * The process answers with a value once it listens, or with the error that
 * stopped it.
 */
export interface BackgroundRequest {
  callable: CallableSpec;
  args: unknown[];
  /** The socket file's absolute path. */
  address: string;
}

const HANDOVER_FD = CHANNEL_FD;
const runtimeEntry = fileURLToPath(siblingModule(import.meta.url, './background-runtime'));

/**
 * Wraps `callable` so that each call starts it in a background process
 * reachable at `address` (the path of a UNIX-domain socket file, which must
 * not be in use). The returned function resolves once the process listens,
 * so a client may connect at once (`backgroundQueue(address)`,
 * `PersistentQueue.connect(address)`), in this run or a later one: the
 * process is detached and outlives its creator. It rejects with a
 * `SocketAddressError` if the address is in use (`EADDRINUSE`) or unusable.
 *
 * The callable is parallel-aware (use `makeParallel` for a plain function).
 * What it sends waits until a client takes it; when it returns and its
 * results are taken, the process removes its socket file and exits.
 */
export function backgroundCallable<Args extends unknown[]>(
  address: string,
  callable: Callable<Args>,
  options: BackgroundOptions = {},
): (...args: Args) => Promise<void> {
  const path = resolveAddress(address, 'backgroundCallable()');
  assertCallable(callable, 'backgroundCallable()');
  validateBackgroundOptions(options, 'backgroundCallable()');
  return async (...args: Args) => {
    await startBackground(path, callable, args, options);
  };
}

/** Throws a `TypeError` for a malformed option. */
export function validateBackgroundOptions(options: BackgroundOptions, api: string): void {
  if (typeof options !== 'object' || options === null) {
    throw invalidType(`${api}: options must be an object`);
  }
  if (options.log !== undefined && (typeof options.log !== 'string' || options.log === '')) {
    throw invalidType(`${api}: log must be the path of a file, got ${typeof options.log}`);
  }
}

/**
 * Starts a background process running `callable` with `args`, listening at
 * `address` (an absolute path), and resolves once it listens.
 */
export async function startBackground(
  address: string,
  callable: AnyCallable,
  args: unknown[],
  options: BackgroundOptions,
): Promise<void> {
  assertCloneable(args, 'args');
  assertMayStart();
  // Refuse a live address before starting anything; the new process checks
  // again as it binds, in case another took the address in between.
  if ((await probeAddress(address)) === 'live') throw addressInUse(address);

  const command = nodeCommand({ script: runtimeEntry, module: callable.module, args: [address] });
  const request: BackgroundRequest = { callable: specOf(callable), args, address };
  await handOver(spawnDetached(command, {}, options), address, options, request);
}

/**
 * Fork-style: starts a background process that replays this program (see
 * create()) to the create(address) call described by `plan`, where it starts
 * listening at `address`; resolves once it listens.
 */
export async function createBackground(address: string, plan: ReplayPlan, options: BackgroundOptions): Promise<void> {
  if ((await probeAddress(address)) === 'live') throw addressInUse(address);
  const command = nodeCommand({ script: process.argv[1]!, args: process.argv.slice(2), preload: replaySetup });
  await handOver(spawnDetached(command, { [REPLAY_ENV]: JSON.stringify(plan) }, options), address, options);
}

// Hands a new background process its work (if any: a replay knows its own),
// and waits until it says it listens.
async function handOver(child: ChildProcess, address: string, options: BackgroundOptions, request?: BackgroundRequest) {
  const handover = new Channel(child.stdio[HANDOVER_FD] as Socket, { pid: child.pid!, process: child });
  try {
    if (request) handover.sendControl(Kind.run, encodeValue(request));
    await handover.receive(); // It listens.
  } catch (error) {
    throw startError(error, address, options);
  } finally {
    handover.close();
    child.unref();
  }
}

// A detached process (its own session, so that neither the creator's exit
// nor its terminal's signals end it), with no parent-death signal and not
// recorded among the processes ended with the creator. File descriptor 3
// carries only the handover.
function spawnDetached(command: string[], extraEnv: Record<string, string>, options: BackgroundOptions): ChildProcess {
  const [file, ...args] = command;
  const env: NodeJS.ProcessEnv = { ...process.env, ...extraEnv };
  if (!extraEnv[REPLAY_ENV]) delete env[REPLAY_ENV];
  const log = options.log === undefined ? 'ignore' : openSync(options.log, 'a', 0o600);
  try {
    const child = spawn(file!, args, { detached: true, stdio: ['ignore', log, log, 'pipe'], env });
    if (child.pid === undefined) {
      // The cause arrives later as an 'error' event; the error thrown here reports it now.
      child.once('error', () => {});
      throw new PProcessError('ERR_SPAWN', `Could not start a background process with ${process.execPath}`);
    }
    return child;
  } finally {
    if (typeof log === 'number') closeSync(log);
  }
}

// Why a background process did not start listening, as an error to throw here.
function startError(error: unknown, address: string, options: BackgroundOptions): unknown {
  if (error instanceof RemoteError && error.remoteName === 'SocketAddressError') {
    return new SocketAddressError(error.code, address, error.message);
  }
  if (error instanceof ProcessExitError) {
    const where = options.log ? `see ${options.log}` : 'give it a log file ({ log }) to see why';
    return new PProcessError('ERR_BACKGROUND_START',
      `The background process for ${address} ended before it listened (${error.message}): ${where}`, { cause: error });
  }
  return error;
}
