// A trial that may time itself: its run returns its own sample (a time
// measured inside a program, or one extrapolated from a capped run) in
// place of the wall time interleave() measures around it.
// Not public API, so from dist/ by path: the `bench` command's interleaving.
import type { Trial } from '../../dist/render-bench/interleave.js';

/** A trial with what its samples include, keeping the samples its runs reported. */
export interface SampledTrial extends Trial {
  readonly includes: string;
  /** Samples the runs reported themselves, in seconds, warm-up first. */
  readonly own: number[];
}

/**
 * A trial running `run`, which resolves with its own sample in seconds, or
 * with nothing to be timed from the outside.
 */
export function sampledTrial(name: string, includes: string, run: () => Promise<number | void>, extra: Omit<Trial, 'name' | 'run'> = {}): SampledTrial {
  const own: number[] = [];
  return {
    ...extra,
    name,
    includes,
    own,
    async run() {
      const sample = await run();
      if (sample !== undefined) own.push(sample);
    },
  };
}

/** The trial's timed samples: its own (the warm-up's dropped), or else the wall times `seconds`. */
export function samplesOf(trial: SampledTrial, seconds: readonly number[]): number[] {
  return trial.own.length > 0 ? trial.own.slice(-seconds.length) : [...seconds];
}
