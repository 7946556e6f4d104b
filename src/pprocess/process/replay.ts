// Fork-style create() without fork: the created process re-runs the
// program's entry script (a replay). This module keeps the count of create()
// calls, in the creator and in a replay, and tells each call what to do.
// The state is global, since the program and the library may load
// different copies of this module (sources and compiled files).
import { PProcessError } from '../errors.js';

/** The environment variable that makes a process a replay, holding its `ReplayPlan` as JSON. */
export const REPLAY_ENV = 'PPROCESS_REPLAY';

/** What a replay is told by its creator. */
export interface ReplayPlan {
  /** Which create() call (counting from 1) returns this process's channel. */
  target: number;
  /** Where in the program the creator made that call (`file:line:column`). */
  site: string;
  /** The pids the creator's earlier top-level create() calls returned, by call number. */
  pids: Record<number, number>;
}

interface ReplayState {
  /** create() calls so far. */
  count: number;
  /** Set in a replay. */
  plan: ReplayPlan | undefined;
  /** Set once the replay has reached its own create(). */
  reached: boolean;
  /** Pids returned by the top-level create() calls so far, by call number (in the creator). */
  pids: Record<number, number>;
}

const STATE = Symbol.for('pprocess.replay');

/** The process-wide replay state. */
export function replayState(): ReplayState {
  const global = globalThis as typeof globalThis & { [STATE]?: ReplayState };
  global[STATE] ??= { count: 0, plan: readPlan(), reached: false, pids: {} };
  return global[STATE];
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
  if (!plan) return { kind: 'spawn', call, site };
  if (state.reached) {
    throw new CreateReplayError(
      `create() was called in a process that create() made (its call ${call}, at ${site}); ` +
        'fork-style create() cannot be nested, so that processes cannot multiply without bound: use start() in created processes',
    );
  }
  if (call < plan.target) return { kind: 'replayed', call, pid: plan.pids[call] };
  if (site !== plan.site) {
    throw new CreateReplayError(
      `This created process replayed the program to its create() call ${call}, but reached it at ${site} ` +
        `where the creator made it at ${plan.site}: the program must reach its create() calls the same way each time`,
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

// The program's line that called create(): the first stack frame outside this library.
function callSite(): string {
  const library = new URL('../', import.meta.url).href;
  const libraryPath = new URL(library).pathname;
  for (const line of (new Error().stack ?? '').split('\n').slice(1)) {
    const location = /\(?((?:file:\/\/)?\/[^()\s]+:\d+:\d+)\)?$/.exec(line.trim())?.[1];
    if (!location) continue;
    const path = location.replace(/^file:\/\//, '');
    if (path.startsWith(libraryPath) || path.startsWith('node:')) continue;
    return path;
  }
  return 'an unknown place';
}

function readPlan(): ReplayPlan | undefined {
  const text = process.env[REPLAY_ENV];
  if (!text) return undefined;
  return JSON.parse(text) as ReplayPlan;
}
