// The acceptance test shared by the grid examples: a parallel program must
// print exactly the rows its sequential twin prints, and must really run in
// parallel: two or more of its created processes alive at once (here), and
// well under the sum of the delays of its calculations, which running them
// one after another would take (in the slow suite).
//
// The "Time taken" line differs from run to run and is left out of the
// comparison. The progress lines are not compared with the twin's either:
// the parallel programs announce a phase the sequential ones do not have
// ("Finishing...": collecting results), and some originals print no progress
// at all, so each program's progress lines are checked against what its
// original prints, and the result rows against the twin.
import { afterEach, expect, test } from 'vitest';
import { expectedRows, runGridExample } from './grid-output.js';
import { allGone } from '../../helpers/processes.js';
import { isCreatedProcess } from './process-tree.js';
import { endRunningExamples } from './run-example.js';

/** A parallel grid example, its sequential twin, and how to run it. */
export interface ParallelTwin {
  program: string;
  twin: string;
  /** The progress lines the original prints. */
  progress: string[];
  N: number;
  limit: number;
  /** Seconds per calculation. */
  delay: number;
  /** How many processes it must create: one per calculation, unless reused or continuous. */
  processes: number;
}

// The time a program says its computation took (its "Time taken", from the
// start of its main program to the end: the measure the originals print)
// over the sum of the delays of its calculations: 1 or more if they ran one
// after another. Starting a created process under tsx costs ~0.4 s of CPU,
// which a loaded 2-core machine can stretch to seconds, so the delays in the
// tables are long enough (1.5–2.5 s) for start-up to stay well under half the
// sum of the delays. Measured: 0.25–0.35 on a quiet machine, up to 0.54 at a
// load average of 11; a sequential run cannot go below 1. Checked only by the
// slow suite (`npm run test:slow`): a timing bound fails on a loaded machine.
const MAX_PARALLEL_RATIO = 0.7;

// The twins' outputs, computed once per twin and size (with no delay).
const twinRows = new Map<string, Promise<string[]>>();

function rowsOfTwin(twin: string, N: number): Promise<string[]> {
  const key = `${twin}:${N}`;
  if (!twinRows.has(key)) twinRows.set(key, runGridExample(twin, N, 1, 0).then((run) => run.output.rows));
  return twinRows.get(key)!;
}

/** Declares one test per row: same rows as the twin, the original's progress lines, parallel, nothing left running. */
export function testParallelTwins(table: readonly ParallelTwin[]): void {
  afterEach(endRunningExamples);

  test.each(table)('$program prints what $twin prints, in parallel', async (row) => {
    const { program, twin, progress, N, limit, delay, processes } = row;
    const [run, twinOutput] = await Promise.all([runGridExample(program, N, limit, delay), rowsOfTwin(twin, N)]);

    expect(twinOutput).toEqual(expectedRows(N));
    expect(run.output.rows).toEqual(twinOutput);
    expect(run.output.progress).toEqual(progress);

    // Calculations that overlap: a sequential run never has two created processes at once.
    expect(run.mostCreatedAtOnce).toBeGreaterThanOrEqual(2);

    const created = [...run.descendants.values()].filter(isCreatedProcess);
    expect(created).toHaveLength(processes);
    await allGone([...run.descendants.keys()], 3000);
  });
}

/** Declares one timed test per row: the computation takes well under the sum of its delays. */
export function testParallelSpeed(table: readonly ParallelTwin[]): void {
  afterEach(endRunningExamples);

  test.each(table)('$program takes well under the sum of its delays', async ({ program, N, limit, delay }) => {
    const run = await runGridExample(program, N, limit, delay);
    const sumOfDelays = N * N * delay;
    const ratio = run.output.timeTaken / sumOfDelays;
    console.log(`${program}: took ${run.output.timeTaken.toFixed(2)} s (wall ${(run.wallMs / 1000).toFixed(2)} s) ` +
      `for ${sumOfDelays} s of delays, ratio ${ratio.toFixed(2)}`);
    expect(ratio).toBeLessThan(MAX_PARALLEL_RATIO);
    expect(run.wallMs / 1000).toBeLessThan(sumOfDelays);
    await allGone([...run.descendants.keys()], 3000);
  });
}
