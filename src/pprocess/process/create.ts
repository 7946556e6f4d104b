// Fork-style create(): a pooled process replays the program (see replay.ts)
// and its create() call returns its own end of the channel.
import { pathToFileURL } from 'node:url';
import { Socket } from 'node:net';
import { Channel } from '../channel/channel.js';
import { Kind, type RunRequest } from '../channel/protocol.js';
import { PProcessError } from '../errors.js';
import { siblingModule } from '../sibling-module.js';
import { runOnPool } from './pool.js';
import { nextCreateStep, replayState, type CreateStep, type ReplayPlan } from './replay.js';
import { replayRandom } from './replay-random.js';

/**
 * Creates a process that runs the rest of the program from this call, like
 * `fork()`: in the created process the channel's `pid` is 0; in the creator
 * it is the created process's pid. End the created branch with `exit(channel)`.
 *
 * Node.js cannot fork, so a process of the pool evaluates the program's
 * entry module again, silently and without creating processes, until it
 * reaches the same create() call. The program must reach its create() calls
 * the same way each time (Math.random is replayed; other input must be the
 * same), and a created process cannot itself call create().
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
 * end of a replaying process's channel, or (in the created process) its own end.
 */
export function channelFor(step: Exclude<CreateStep, { kind: 'replayed' }>, options: { maxTasksPerProcess?: number } = {}): Channel {
  if (step.kind === 'own') {
    unmuteReplay();
    const own = replayState().channel!;
    // The replay has reached its place: the created branch runs now (its time limit counts from here).
    own.sendControl(Kind.started);
    return own;
  }
  const entry = process.argv[1];
  if (!entry) throw new PProcessError('ERR_CREATE_REPLAY', 'create() needs a program run from a file, to replay it');
  const entryUrl = pathToFileURL(entry).href;
  const request: RunRequest = {
    replay: { entry: entryUrl, argv: process.argv.slice(2), plan: replayPlanFor(step) },
    args: [],
    env: { ...process.env },
    cwd: process.cwd(),
  };
  return runOnPool(request, { module: entryUrl, maxTasksPerProcess: options.maxTasksPerProcess });
}

/** The plan of the replay that a create() call starts. */
export function replayPlanFor(step: Extract<CreateStep, { kind: 'spawn' }>): ReplayPlan {
  const { pids, siteNames, siteOf } = replayState();
  const random = replayRandom();
  return { target: step.call, site: step.site, pids: { ...pids }, siteNames: [...siteNames], siteOf: [...siteOf], seed: random.seed, draws: random.draws };
}

/** The module a background replay loads before the program (see replay-setup.ts). */
export const replaySetup = siblingModule(import.meta.url, './replay-setup').href;

/** Lets the replay's own output through, from its own create() call on. */
export function unmuteReplay(): void {
  (replayState() as { unmute?: () => void }).unmute?.();
}

// What a replay's top-level create() returns for a call made before its own:
// a channel to a process of the creator's, closed here.
function standIn(pid: number): Channel {
  const socket = new Socket();
  socket.destroy();
  return new Channel(socket, { pid });
}
