// The settings the grid examples share: N (the grid is N × N), limit (the
// most processes running at once) and delay (the seconds each calculation
// sleeps), read from `--n`, `--limit` and `--delay`.
//
// The original kept them in module globals that its forked processes
// inherited. A created process here is a fresh `node` that imports the
// example anew, so the entry point publishes the settings in its environment,
// which every process it creates inherits, and those read them back from there.
import { parseArgs } from 'node:util';
import { isMain } from '../../src/pprocess/index.js';

/** What an N × N grid example computes, and how. */
export interface GridSettings {
  /** The grid is N × N: N * N calculations. */
  readonly N: number;
  /** The most processes running at once. */
  readonly limit: number;
  /** Seconds each calculation sleeps, standing in for hard work. */
  readonly delay: number;
}

/** The original's values: a 10 × 10 grid, 10 processes, 1 second each. */
export const DEFAULT_SETTINGS: GridSettings = Object.freeze({ N: 10, limit: 10, delay: 1 });

/** The environment variable carrying the settings to created processes. */
export const SETTINGS_ENV = 'PPROCESS_EXAMPLE_SETTINGS';

const USAGE = `Options:
  --n N          the grid is N × N (default ${DEFAULT_SETTINGS.N})
  --limit L      at most L processes at once (default ${DEFAULT_SETTINGS.limit})
  --delay S      each calculation sleeps S seconds (default ${DEFAULT_SETTINGS.delay})`;

/**
 * The settings of the example at `moduleUrl`: parsed from the command line
 * when it is the program being run (then published for the processes it
 * creates), inherited from the creator otherwise. Prints the usage and exits
 * on a bad option, as a command-line program does.
 */
export function gridSettings(moduleUrl: string, argv: readonly string[] = process.argv.slice(2)): GridSettings {
  if (!isMain(moduleUrl)) return inheritedSettings();
  let settings: GridSettings;
  try {
    settings = parseGridSettings(argv);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${USAGE}\n`);
    process.exit(2);
  }
  process.env[SETTINGS_ENV] = JSON.stringify(settings);
  return settings;
}

/** Parses `--n`, `--limit` and `--delay`; throws a `RangeError` or `TypeError` naming a bad option. */
export function parseGridSettings(argv: readonly string[]): GridSettings {
  const { values } = parseArgs({
    args: [...argv],
    options: { n: { type: 'string' }, limit: { type: 'string' }, delay: { type: 'string' } },
    strict: true,
  });
  return Object.freeze({
    N: positiveInteger('--n', values.n, DEFAULT_SETTINGS.N),
    limit: positiveInteger('--limit', values.limit, DEFAULT_SETTINGS.limit),
    delay: seconds('--delay', values.delay, DEFAULT_SETTINGS.delay),
  });
}

// A created process: the settings its creator published, or the defaults
// when the module is imported by something that published none.
function inheritedSettings(): GridSettings {
  const published = process.env[SETTINGS_ENV];
  return published ? Object.freeze(JSON.parse(published) as GridSettings) : DEFAULT_SETTINGS;
}

function positiveInteger(name: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) throw new RangeError(`${name} must be a positive integer, got ${text}`);
  return value;
}

/** Parses a number of seconds (≥ 0) given to `name`, or returns `fallback` when none was given. */
export function seconds(name: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || value < 0) {
    throw new RangeError(`${name} must be a number of seconds ≥ 0, got ${text}`);
  }
  return value;
}
