// Whole programs of the "defaults" benchmark, each run as a user runs it
// (`node program.js`, or `tsx program.ts`) and timed from spawn to exit:
// the original's four patterns, fork-style create() against start(), and a
// fresh start()'s first result under tsx against compiled code.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
// Not public API, so from dist/ by path: the `bench` command's statistics and module paths.
import { elapsedMs } from '../../dist/render-bench/stats.js';
import { childExecArgv, sibling } from '../../dist/render-bench/peers/module-files.js';
import { measureOf, referenceOf, timeRow, type DefaultsRow } from './default-rows.js';
import { sampledTrial, type SampledTrial } from './sampled-trial.js';

/** How many items and round trips the programs run. */
export interface ProgramCounts {
  /** Items of the pmap, start() and create() programs (200 in the original's figures). */
  readonly items: number;
  /** Round trips of the channel program (2,000 in the original's figures). */
  readonly roundTrips: number;
}

/** The programs' trials, and the rows their samples make. */
export interface TrialSet {
  readonly trials: SampledTrial[];
  /** The rows, given each trial's timed samples in seconds. */
  rows(samples: (trial: SampledTrial) => number[]): DefaultsRow[];
}

/**
 * The original pprocess 0.5 on this project's machine kind (2 cores), under
 * CPython 3.11: whole programs, trivial task, limit 2, medians of 3
 * interleaved runs.
 */
export const ORIGINAL = {
  pmap: { seconds: 0.17, count: 200 },
  start: { seconds: 0.17, count: 200 },
  create: { seconds: 0.18, count: 200 },
  channel: { seconds: 0.15, count: 2000 },
} as const;

// A program stuck this long is an error, not a measurement.
const PROGRAM_TIMEOUT_MS = 15 * 60_000;
const ROOT = new URL('../../', import.meta.url);

/** The trials of the whole programs. */
export function programTrials({ items, roundTrips }: ProgramCounts): TrialSet {
  const compiled = (name: string) => {
    const url = sibling(import.meta.url, `./programs/${name}`);
    return [...childExecArgv(url), fileURLToPath(url)];
  };
  const each = (name: string, count: number) => [...compiled(name), '--count', String(count)];
  const checked = (args: string[], count: number, sum: number) => async () => {
    const printed = await runProgram(args);
    if (printed.count !== count || printed.sum !== sum) {
      throw new Error(`${args.join(' ')} printed ${JSON.stringify(printed)}, not { count: ${count}, sum: ${sum} }`);
    }
    return printed.seconds;
  };
  const doubledSum = (n: number) => n * (n - 1); // Σ 2i for i < n
  const loops = {
    pmap: sampledTrial(`pmap program, ${items} items`, `node pmap-loop.js: pmap(makeParallel(double), range(${items}), { limit: 2 }).toArray(), spawn to exit`,
      checked(each('pmap-loop', items), items, doubledSum(items))),
    start: sampledTrial(`start() program, ${items} items`, `node start-loop.js: Map({ limit: 2 }) + start(makeParallel(double), i) × ${items}, toArray(), spawn to exit`,
      checked(each('start-loop', items), items, doubledSum(items))),
    create: sampledTrial(`create() program, ${items} items`, `node create-loop.js: Map({ limit: 2 }).create() × ${items}, each created branch sending 2i, toArray(), spawn to exit`,
      checked(each('create-loop', items), items, doubledSum(items))),
    channel: sampledTrial(`Channel program, ${roundTrips} round trips`, `node channel-loop.js: start() an echo task, ${roundTrips} small dictionaries one at a time, spawn to exit`,
      checked(each('channel-loop', roundTrips), roundTrips, doubledSum(roundTrips))),
  };
  const firstResult = (args: string[]) => async () => {
    const { firstResultMs } = await runProgram(args);
    if (typeof firstResultMs !== 'number' || !(firstResultMs > 0)) throw new Error(`${args.join(' ')} printed no firstResultMs`);
    return firstResultMs / 1000;
  };
  const tsx = sampledTrial('first result under tsx', 'tsx first-start.ts: start(makeParallel(ready)) to the first value received, timed inside the program',
    firstResult([tsxCli(), programSource('first-start')]));
  const node = sampledTrial('first result, compiled', 'node first-start.js: start(makeParallel(ready)) to the first value received, timed inside the program',
    firstResult([programCompiled('first-start')]));

  return {
    trials: [...Object.values(loops), tsx, node],
    rows(samples) {
      const measure = (trial: SampledTrial) => measureOf(trial.name, trial.includes, samples(trial));
      const [pmap, start, create, channel] = [measure(loops.pmap), measure(loops.start), measure(loops.create), measure(loops.channel)] as const;
      const beat = { comparison: 'less than', ratio: 1 } as const;
      const original = (name: string, figure: { seconds: number; count: number }, count: number) =>
        referenceOf(`the original: ${name}`, figure.seconds, figure.count, count);
      return [
        timeRow('create-vs-start', `fork-style Map.create() × ${items} against the same loop with start(), whole programs`, create, start, { comparison: 'at most', ratio: 1.5 }),
        timeRow('tsx-first-result', 'a fresh start()\'s first result under tsx against compiled code', measure(tsx), measure(node), { comparison: 'at most', ratio: 1.5 }),
        timeRow('original-pmap', `pmap over ${items} items, limit 2, against the original`, pmap, original('pmap(fn, range(200), limit=2)', ORIGINAL.pmap, items), beat),
        timeRow('original-start', `Map({ limit: 2 }) + start(makeParallel(fn), i) × ${items} against the original`, start, original('Map(limit=2) + start(MakeParallel(fn), i) × 200', ORIGINAL.start, items), beat),
        timeRow('original-create', `Map({ limit: 2 }).create() × ${items} against the original`, create, original('Map(limit=2).create() × 200', ORIGINAL.create, items), beat),
        timeRow('original-channel', `${roundTrips.toLocaleString('en-US')} channel round trips, one at a time, against the original`, channel, original('2,000 small dicts echoed one at a time', ORIGINAL.channel, roundTrips), beat),
      ];
    },
  };
}

/**
 * Runs `node ...args`, times it from spawn to exit, and resolves with that
 * time (seconds) and what it printed last, a line of JSON.
 */
export function runProgram(args: readonly string[]): Promise<Record<string, unknown> & { seconds: number }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'], timeout: PROGRAM_TIMEOUT_MS });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (text: string) => (stdout += text));
    child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
    child.once('error', reject);
    child.once('close', (code, signal) => {
      const seconds = elapsedMs(started) / 1000;
      const last = stdout.trim().split('\n').at(-1) ?? '';
      if (code !== 0) return reject(new Error(`node ${args.join(' ')} ended with ${signal ?? `exit code ${code}`}:\n${stderr.trim()}`));
      try {
        resolve({ ...(JSON.parse(last) as Record<string, unknown>), seconds });
      } catch (cause) {
        reject(new Error(`node ${args.join(' ')} printed ${JSON.stringify(last)}, not a line of JSON`, { cause }));
      }
    });
  });
}

// The benchmark's program `name` as TypeScript source, and compiled: the
// same files wherever this module runs from.
function programSource(name: string): string {
  return fileURLToPath(new URL(`bench/library/programs/${name}.ts`, ROOT));
}

function programCompiled(name: string): string {
  const path = fileURLToPath(new URL(`bench-build/library/programs/${name}.js`, ROOT));
  if (!existsSync(path)) throw new Error(`The compiled program ${path} is missing: run npm run bench:build first`);
  return path;
}

// tsx's command line, as `npx tsx` runs it.
function tsxCli(): string {
  return createRequire(import.meta.url).resolve('tsx/cli');
}
