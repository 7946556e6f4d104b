// `bench [scene]`: renders one scene serially, with pprocess at 1 to N
// processes and with the peer pools, interleaving repeats, and writes the
// table, output/bench.json and the speedup chart.
import { fileURLToPath } from 'node:url';
import { Argument, Command, InvalidArgumentError, Option } from 'commander';
import { MAX_REPEAT } from '../render-bench/interleave.js';
import { getNumberOfCores } from '../pprocess/cores.js';
import { MAX_PROCS, MAX_SIZE } from '../raytracer/limits.js';
import type { StrategyName } from '../raytracer/render/strategies/index.js';
import type { BenchCommandOptions } from './bench-run.js';
import { integerIn } from './number-option.js';
import { DEFAULT_OUTPUT_DIR } from './output-path.js';

/** The scene benchmarked when none is named: PyGmy's own. */
export const BENCH_SCENE = fileURLToPath(new URL('../../scenes/pygmy.json', import.meta.url));

/** The strategies `bench` can run through `render()` (all but serial, which is the baseline, and static). */
export const BENCH_STRATEGIES = ['map', 'pmap', 'queue', 'exchange', 'reuse'] as const satisfies readonly StrategyName[];

/** The options of `bench`, as commander parses them. */

const EXAMPLES = `
Examples:
  $ pprocess-raytracer bench scenes/pygmy.json --width 1280 --height 720 --repeat 7   # what npm run bench measures
  $ pprocess-raytracer bench --procs 2 --repeat 3 --strategies map --no-cold
  $ pprocess-raytracer bench --json > bench.json

Every contender renders the same rows with the same tracer and must give the
serial render's pixels byte for byte. Pools are created before timing and
warmed by a discarded first round; the whole render command is also timed
from a new node (--no-cold to skip). Writes <out-dir>/bench.json, bench.svg
and bench.png.

Exit codes: 0 done, 1 a run failed or rendered other pixels, 2 bad option, 3 bad scene file.`;

/** Builds the `bench` subcommand. */
export function benchCommand(): Command {
  const cores = getNumberOfCores();
  return new Command('bench')
    .description('Compare serial rendering, pprocess at 1 to N processes and the peer pools on one scene')
    .addArgument(new Argument('[scene]', 'the scene file (JSON)').default(BENCH_SCENE, 'the shipped scenes/pygmy.json'))
    .option('--width <pixels>', `override the scene's width (1 to ${MAX_SIZE})`, integerIn(1, MAX_SIZE))
    .option('--height <pixels>', `override the scene's height (1 to ${MAX_SIZE})`, integerIn(1, MAX_SIZE))
    .addOption(
      new Option('-p, --procs <n>', `measure 1 to n processes (1 to ${MAX_PROCS})`)
        .argParser(integerIn(1, MAX_PROCS))
        .default(cores, `the number of cores, ${cores}`),
    )
    .addOption(new Option('-r, --repeat <n>', `timed rounds, after one warm-up round (1 to ${MAX_REPEAT})`).argParser(integerIn(1, MAX_REPEAT)).default(5))
    .addOption(
      new Option('-s, --strategies <list>', `pprocess strategies run through render(), comma-separated, or none`)
        .argParser(strategyList)
        .default([...BENCH_STRATEGIES], BENCH_STRATEGIES.join(',')),
    )
    .option('--no-peers', 'do not measure piscina and workerpool')
    .option('--no-cold', 'do not time the whole render command')
    .option('-o, --out-dir <dir>', 'where bench.json, bench.svg and bench.png go', DEFAULT_OUTPUT_DIR)
    .option('--json', 'print the JSON report instead of the table')
    .option('-q, --quiet', 'no progress lines on stderr')
    .addHelpText('after', EXAMPLES)
    .action(async (scenePath: string, options: BenchCommandOptions) => {
      // Loaded when the command runs, so that the other commands start as fast as before.
      const { runBench } = await import('./bench-run.js');
      await runBench(scenePath, options);
    });
}

// `map,queue` → ['map', 'queue']; `none` → [].
function strategyList(value: string): StrategyName[] {
  if (value.trim() === 'none') return [];
  const names = value.split(',').map((name) => name.trim());
  const unknown = names.filter((name) => !(BENCH_STRATEGIES as readonly string[]).includes(name));
  if (unknown.length > 0 || names.length === 0) {
    throw new InvalidArgumentError(`Unknown strategy ${unknown.map((n) => `"${n}"`).join(', ')}: use some of ${BENCH_STRATEGIES.join(', ')}, or none.`);
  }
  return [...new Set(names)] as StrategyName[];
}
