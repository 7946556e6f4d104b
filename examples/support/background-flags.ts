// The flags of the background examples, besides the grid settings:
// `--start` starts the work in background processes and exits, `--reconnect`
// collects the results of work started earlier, and neither does both in one
// run, as in the originals. `--dir DIR` says where the socket files go (the
// current directory by default, as in the originals); `--log FILE` keeps what
// the background processes print (discarded by default, as in the originals).
import { resolve } from 'node:path';
import { isMain } from '../../src/pprocess/index.js';

/** What a background example is asked to do. */
export interface BackgroundFlags {
  /** Start the work in the background (all but `--reconnect`). */
  readonly start: boolean;
  /** Collect the results (all but `--start`). */
  readonly reconnect: boolean;
  /** The directory of the socket files. */
  readonly dir: string;
  /** Where the background processes' output goes, if anywhere. */
  readonly log?: string;
  /** The other arguments: the grid settings. */
  readonly rest: string[];
}

/**
 * The flags of the background example at `moduleUrl`, read from the command
 * line when it is the program being run. A background process imports the
 * example only to find its task, and has no flags.
 */
export function backgroundFlags(moduleUrl: string, argv: readonly string[] = process.argv.slice(2)): BackgroundFlags {
  if (!isMain(moduleUrl)) return { start: false, reconnect: false, dir: '.', rest: [] };
  const rest: string[] = [];
  let dir = '.';
  let log: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--dir' && i + 1 < argv.length) dir = argv[++i]!;
    else if (argv[i] === '--log' && i + 1 < argv.length) log = resolve(argv[++i]!);
    else if (argv[i] !== '--start' && argv[i] !== '--reconnect') rest.push(argv[i]!);
  }
  const start = !argv.includes('--reconnect');
  const reconnect = !argv.includes('--start');
  return { start, reconnect, dir: resolve(dir), ...(log === undefined ? {} : { log }), rest };
}
