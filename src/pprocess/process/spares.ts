// Processes started ahead of time (prestart), so that start() hands work to
// a process that has already booted instead of waiting for a new `node`.
import type { Channel } from '../channel/channel.js';
import { getNumberOfCores } from '../cores.js';
import { invalidType, outOfRange } from '../errors.js';
import { launch, runtimeLoadsTypeScript } from './launch.js';
import { markIdle } from './registry.js';

/** Options of `prestart()`. */
export interface PrestartOptions {
  /** Start a replacement for each process taken (default `true`). */
  refill?: boolean;
}

const typeScriptModule = /\.(c|m)?tsx?$/;
const spares: Channel[] = [];
let wanted = 0;
// Whether a taken process is replaced.
let refill = true;
// Where waiting processes start: where prestart() was called (each takes on
// the creator's directory when it gets work).
let startDirectory: string | undefined;

/**
 * Keeps `count` processes (default: the number of cores) started and waiting
 * for work: `start()`, and so every exchange and `pmap`, hands its next task
 * to one of them, which takes on the creator's environment and working
 * directory as they are then, and another is started in its place. Resolves
 * when they are all ready. `prestart(0)` ends the waiting ones. Waiting
 * processes do not keep the program alive, and `waitall()` does not wait
 * for them.
 *
 * With `{ refill: false }`, taken processes are not replaced: the waiting
 * ones are used up and then `start()` starts new ones as usual. For a one-off
 * job, this boots its processes early without booting more while it runs.
 */
export async function prestart(count: number = getNumberOfCores(), options: PrestartOptions = {}): Promise<void> {
  if (!Number.isInteger(count) || count < 0) {
    throw outOfRange(`prestart(): count must be an integer ≥ 0, got ${String(count)}`);
  }
  if (options.refill !== undefined && typeof options.refill !== 'boolean') {
    throw invalidType(`prestart(): refill must be a boolean, got ${typeof options.refill}`);
  }
  wanted = count;
  refill = options.refill ?? true;
  startDirectory = process.cwd();
  while (spares.length > wanted) spares.pop()!.close();
  while (spares.length < wanted) addSpare();
  await Promise.all(spares.map((channel) => channel.reached('ready')));
}

/** A waiting process able to load `module`, if there is one; another is started in its place unless `refill` is off. */
export function takeSpare(module: string): Channel | undefined {
  if (spares.length === 0 || (typeScriptModule.test(module) && !runtimeLoadsTypeScript())) return undefined;
  let spare: Channel | undefined;
  while (!spare && spares.length > 0) {
    const candidate = spares.shift()!;
    if (!candidate.closed) spare = candidate;
  }
  if (spare) markIdle(spare.pid, false);
  // Start the replacement after this turn, not in the way of the task being started.
  if (refill) {
    setImmediate(() => {
      while (spares.length < wanted) addSpare();
    });
  }
  return spare;
}

function addSpare(): void {
  const channel = launch({ cwd: startDirectory });
  markIdle(channel.pid, true);
  spares.push(channel);
}
