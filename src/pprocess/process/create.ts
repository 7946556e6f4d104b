// Fork-style create(): the created process re-runs the program (see
// replay.ts) and its create() call returns its own end of the channel.
import { Socket } from 'node:net';
import { Channel } from '../channel/channel.js';
import { serializeError } from '../errors.js';
import { CHANNEL_FD, launch } from './launch.js';
import { nextCreateStep, REPLAY_ENV, replayState, type CreateStep, type ReplayPlan } from './replay.js';
import { startWatchdog } from './watchdog.js';

const ownExtension = import.meta.url.endsWith('.ts') ? '.ts' : '.js';
/** The module a replay loads before the program (see replay-setup.ts). */
export const replaySetup = new URL(`./replay-setup${ownExtension}`, import.meta.url).href;

/**
 * Creates a process that runs the rest of the program from this call, like
 * `fork()`: in the created process the channel's `pid` is 0; in the creator
 * it is the created process's pid. End the created branch with `exit(channel)`.
 *
 * Node.js cannot fork, so the created process re-runs the program's entry
 * script, silently and without creating processes, until it reaches the same
 * create() call. The program must reach its create() calls the same way each
 * time, and a created process cannot itself call create().
 */
export async function create(): Promise<Channel> {
  const step = nextCreateStep();
  if (step.kind === 'replayed') return standIn(step.pid ?? -1);
  const channel = channelFor(step);
  if (step.kind === 'spawn') replayState().pids[step.call] = channel.pid;
  return channel;
}

/**
 * The channel for a create() call that is not passed through: the creator's
 * end of a new process's channel, or (in the created process) its own end.
 */
export function channelFor(step: Exclude<CreateStep, { kind: 'replayed' }>): Channel {
  if (step.kind === 'own') return ownChannel();
  return launch({
    entry: process.argv[1],
    args: process.argv.slice(2),
    preload: replaySetup,
    stdin: 'ignore',
    env: { [REPLAY_ENV]: replayPlanFor(step) },
  });
}

/** The plan (as the environment variable's text) of the replay that a create() call starts. */
export function replayPlanFor(step: Extract<CreateStep, { kind: 'spawn' }>): string {
  const plan: ReplayPlan = { target: step.call, site: step.site, pids: replayState().pids };
  return JSON.stringify(plan);
}

/** Lets the replay's own output through, from its own create() call on. */
export function unmuteReplay(): void {
  (replayState() as { unmute?: () => void }).unmute?.();
}

function ownChannel(): Channel {
  startWatchdog();
  const channel = new Channel(new Socket({ fd: CHANNEL_FD, readable: true, writable: true }), { pid: 0 });
  channel.hold();
  // The creator is gone: so is this process.
  channel.watch(() => {
    if (channel.endError) process.exit(0);
  });
  // An exception escaping the created branch goes back to the creator.
  process.on('uncaughtException', (error) => {
    channel.sendError(serializeError(error)).finally(() => process.exit(1));
  });
  unmuteReplay();
  return channel;
}

// What a replay's top-level create() returns for a call made before its own:
// a channel to a process of the creator's, closed here.
function standIn(pid: number): Channel {
  const socket = new Socket();
  socket.destroy();
  return new Channel(socket, { pid });
}
