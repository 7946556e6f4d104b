// "Fast by default": what pprocess's default calls cost against the same
// work done the fast way (reused processes, start(), compiled code, the bare
// socket), against piscina, and against the original's figures. Every
// contender runs in the same interleaved rounds; each row is a ratio with
// its target and whether this run met it.
// Not public API, so from dist/ by path: the `bench` command's interleaving.
import { interleave } from '../../dist/render-bench/interleave.js';
import type { DefaultsRow } from './default-rows.js';
import { inProcessTrials, type InProcessCounts } from './default-in-process.js';
import { programTrials } from './default-programs.js';
import { samplesOf } from './sampled-trial.js';

/** The sizes of the defaults benchmark: in-process measures and whole programs. */
export type DefaultsCounts = InProcessCounts;

/** The sizes of the targets; `quick` ones only check that everything runs. */
export function defaultsCounts({ quick, tasks, workers, capSeconds }: { quick: boolean; tasks: number; workers: number; capSeconds: number }): DefaultsCounts {
  return quick ? { items: 6, roundTrips: 50, tasks: Math.min(tasks, 40), workers, capSeconds } : { items: 200, roundTrips: 2000, tasks, workers, capSeconds };
}

/** What the defaults benchmark measured. */
export interface DefaultsReport {
  readonly counts: DefaultsCounts;
  readonly repeat: number;
  /** Whether the counts were the targets' own (200 items, 2,000 round trips, 20,000 tasks). */
  readonly atTargetSizes: boolean;
  readonly rows: readonly DefaultsRow[];
  /** How many rows met their target. */
  readonly met: number;
}

/** The rows' keys, in the order of the targets they measure. */
export const DEFAULTS_ROWS = [
  'pmap-defaults-vs-reused',
  'create-vs-start',
  'channel-vs-socket',
  'map-tasks-vs-piscina',
  'pmap-defaults-vs-piscina',
  'tsx-first-result',
  'original-pmap',
  'original-start',
  'original-create',
  'original-channel',
];

/** Runs every contender of the defaults benchmark in `repeat` interleaved rounds and makes the rows. */
export async function runDefaults(counts: DefaultsCounts, { repeat, log }: { repeat: number; log?: (line: string) => void }): Promise<DefaultsReport> {
  // The programs first: they start nothing until run, and may fail to be found.
  const programs = programTrials(counts);
  const sets = [await inProcessTrials(counts), programs];
  const trials = sets.flatMap((set) => set.trials);
  const seconds = await interleave(trials, { repeat, log });
  const samples = new globalThis.Map(trials.map((trial, i) => [trial, samplesOf(trial, seconds[i]!)]));
  const rows = sets.flatMap((set) => set.rows((trial) => samples.get(trial)!));
  rows.sort((a, b) => DEFAULTS_ROWS.indexOf(a.key) - DEFAULTS_ROWS.indexOf(b.key));
  const atTargetSizes = counts.items === 200 && counts.roundTrips === 2000 && counts.tasks === 20_000 && counts.workers === 2;
  return { counts, repeat, atTargetSizes, rows, met: rows.filter((row) => row.met).length };
}
