// Fork-style create() without fork: a pooled process evaluates the
// program's entry module again (a replay). This module keeps the count of
// create() calls, in the creator and in a replay, and tells each call what
// to do. The state is global, since the program and the library may load
// different copies of this module (sources and compiled files).
import type { Channel } from '../channel/channel.js';
import { PProcessError } from '../errors.js';
import { replayRandom } from './replay-random.js';
import type { ReplayPlan } from '../channel/protocol.js';

export type { ReplayPlan } from '../channel/protocol.js';

interface ReplayState {
  /** create() calls so far. */
  count: number;
  /** Set in a replay. */
  plan: ReplayPlan | undefined;
  /** Set once the replay has reached its own create(). */
  reached: boolean;
  /** Pids returned by the top-level create() calls so far, by call number (in the creator). */
  pids: Record<number, number>;
  /** Where the create() calls so far were made, each place once, and which of them each call was made at (in the creator). */
  siteNames: string[];
  siteOf: number[];
  /** In a replay: the channel its own create() returns. */
  channel?: Channel;
}

const STATE = Symbol.for('pprocess.replay');
// Math.random is replayable from the moment the library is loaded, before the program's own code draws from it.
replayRandom();

/** The environment variable that makes a new `node` a replay (background create), holding its `ReplayPlan` as JSON. */
export const REPLAY_ENV = 'PPROCESS_REPLAY';

/** The process-wide replay state. */
export function replayState(): ReplayState {
  const global = globalThis as typeof globalThis & { [STATE]?: ReplayState };
  global[STATE] ??= { count: 0, plan: undefined, reached: false, pids: {}, siteNames: [], siteOf: [] };
  replayRandom();
  return global[STATE];
}

/** Makes this process a replay of `plan`, whose own create() returns `channel`. */
export function beginReplay(plan: ReplayPlan, channel: Channel | undefined): void {
  const state = replayState();
  Object.assign(state, { count: 0, plan, reached: false, pids: {}, siteNames: [], siteOf: [], channel });
  replayRandom().reseed(plan.seed);
}

/** Ends a replay: this process may run other tasks, or replay again. */
export function endReplay(): void {
  Object.assign(replayState(), { count: 0, plan: undefined, reached: false, channel: undefined });
}

/** What one create() call must do. */
export type CreateStep =
  | { kind: 'spawn'; call: number; site: string }
  | { kind: 'replayed'; call: number; pid: number | undefined }
  | { kind: 'own'; call: number };

/** Counts a create() call and says what it must do in this process. */
export function nextCreateStep(): CreateStep {
  const state = replayState();
  const call = ++state.count;
  const site = callSite();
  const plan = state.plan;
  if (!plan) {
    let name = state.siteNames.lastIndexOf(site);
    if (name < 0) name = state.siteNames.push(site) - 1;
    state.siteOf.push(name);
    return { kind: 'spawn', call, site };
  }
  if (state.reached) {
    throw new CreateReplayError(
      `create() was called in a process that create() made (its call ${call}, at ${site}); ` +
        'fork-style create() cannot be nested, so that processes cannot multiply without bound: use start() in created processes',
    );
  }
  const expected = call < plan.target ? plan.siteNames[plan.siteOf[call - 1]!] : plan.site;
  if (expected !== undefined && site !== expected) {
    throw new CreateReplayError(
      `This created process replayed the program to its create() call ${call}, but reached it at ${site} ` +
        `where the creator made it at ${expected}: the program must reach its create() calls the same way each time`,
    );
  }
  if (call < plan.target) return { kind: 'replayed', call, pid: plan.pids[call] };
  const draws = replayRandom().draws;
  if (draws !== plan.draws) {
    throw new CreateReplayError(
      `This created process replayed the program to its create() call ${call}, but drew ${draws} random numbers ` +
        `on the way where the creator drew ${plan.draws}: the program took another path (it must reach its ` +
        'create() calls the same way each time, from the same input)',
    );
  }
  state.reached = true;
  return { kind: 'own', call };
}

/** Whether this process is a replay that has not yet reached its own create(). */
export function replayingPrefix(): boolean {
  const state = replayState();
  return state.plan !== undefined && !state.reached;
}

/** A replay went wrong: it took another path than its creator, or nested create(). */
export class CreateReplayError extends PProcessError {
  constructor(message: string) {
    super('ERR_CREATE_REPLAY', message);
  }
}

// Where the program called create(): its stack frames outside this library,
// innermost first, so that another path to the same line is told apart.
// Read from the stack's call sites rather than its text, which costs more.
function callSite(): string {
  const holder: { stack?: NodeJS.CallSite[] } = {};
  const prepare = Error.prepareStackTrace;
  Error.prepareStackTrace = (_, sites) => sites;
  try {
    Error.captureStackTrace(holder, callSite);
    // The stack is prepared when first read: read it while the override is in place.
    void holder.stack;
  } finally {
    Error.prepareStackTrace = prepare;
  }
  const frames: string[] = [];
  for (const site of holder.stack ?? []) {
    const file = site.getFileName();
    if (!file) continue;
    // A replayed entry module is loaded again under a query that marks the replay.
    const path = (file.startsWith('file://') ? file.slice(7) : file).replace(/\?.*$/, '');
    if (!path.startsWith('/') || path.startsWith(LIBRARY)) continue;
    frames.push(`${path}:${site.getLineNumber()}:${site.getColumnNumber()}`);
  }
  return frames.length ? frames.join(' < ') : 'an unknown place';
}

const LIBRARY = new URL('../', import.meta.url).pathname;
