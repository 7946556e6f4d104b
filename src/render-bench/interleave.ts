// Timing alternatives side by side on a shared, noisy machine: one
// discarded warm-up round, then rounds that run every trial once each
// (A B C, B C A, ...), so that a slow spell hits them all alike.
import { elapsedMs } from './stats.js';

/** The most timed rounds a benchmark runs. */
export const MAX_REPEAT = 1000;

/** Something to time. */
export interface Trial {
  readonly name: string;
  /** Untimed, before every run. */
  prepare?(): Promise<void>;
  /** The timed work. */
  run(): Promise<void>;
  /** Untimed, after every run: throws if the run did not do what it should. */
  check?(): Promise<void>;
  /** Ends what the trial started. */
  close?(): Promise<void>;
}

/** How to interleave. */
export interface InterleaveOptions {
  /** Timed rounds (at least 1). */
  readonly repeat: number;
  /** Receives a line after the warm-up of each trial and after each round. */
  readonly log?: (line: string) => void;
}

/**
 * Runs every trial in a warm-up round and `repeat` timed rounds, then
 * closes them all (also on failure), and resolves with each trial's timed
 * runs in seconds, in the order of `trials`.
 */
export async function interleave(trials: readonly Trial[], { repeat, log = () => {} }: InterleaveOptions): Promise<number[][]> {
  const seconds = trials.map((): number[] => []);
  await settle(
    async () => {
      for (const trial of trials) log(`warm-up  ${trial.name}  ${(await timeOnce(trial)).toFixed(3)} s`);
      for (let round = 0; round < repeat; round++) {
        const started = performance.now();
        for (let k = 0; k < trials.length; k++) {
          const index = (round + k) % trials.length;
          seconds[index]!.push(await timeOnce(trials[index]!));
        }
        log(`round ${round + 1}/${repeat} took ${(elapsedMs(started) / 1000).toFixed(1)} s`);
      }
    },
    () => closeAll(trials),
  );
  return seconds;
}

// Prepares (untimed), times one run, checks it (untimed); in seconds.
async function timeOnce(trial: Trial): Promise<number> {
  await trial.prepare?.();
  const started = performance.now();
  await trial.run();
  const seconds = elapsedMs(started) / 1000;
  await trial.check?.();
  return seconds;
}

// Closes every trial, even when one fails to close; then throws the first failure.
async function closeAll(trials: readonly Trial[]): Promise<void> {
  const outcomes = await Promise.allSettled(trials.map(async (trial) => trial.close?.()));
  const failed = outcomes.find((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
  if (failed) throw failed.reason;
}

// Runs `body`, then `cleanup` whatever happened; a failure of either is
// thrown, both together as an AggregateError.
async function settle(body: () => Promise<void>, cleanup: () => Promise<void>): Promise<void> {
  let failure: { error: unknown } | undefined;
  try {
    await body();
  } catch (error) {
    failure = { error }; // thrown below, once everything is closed
  }
  try {
    await cleanup();
  } catch (error) {
    if (!failure) throw error;
    throw new AggregateError([failure.error, error], 'The benchmark failed, and so did ending what it started');
  }
  if (failure) throw failure.error;
}
