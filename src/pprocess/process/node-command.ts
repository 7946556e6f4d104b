// The command line of a new process: this Node.js, with the creator's flags
// (so a program run under tsx gets TypeScript children) and, where a
// TypeScript module must be loaded and no loader is inherited, the tsx loader.
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { PProcessError, StartDuringImportError } from '../errors.js';
import { importingModule } from './import-guard.js';
import { CreateReplayError, replayingPrefix } from './replay.js';

const typeScriptModule = /\.(c|m)?tsx?$/;

/** What the new process runs. */
export interface NodeCommandOptions {
  /** The script to run, and its arguments. */
  script: string;
  args?: string[];
  /** A module the script will import, to know whether it needs a TypeScript loader. */
  module?: string;
  /** A module to load before the script (`--import`). */
  preload?: string;
}

/**
 * The Node.js flags every created process gets ahead of the creator's own:
 * V8's single-threaded garbage collector. Each process is meant to keep one
 * core busy, so the collector's helper threads would only take time from its
 * siblings (measured: a render on every core was about 5 % slower with them,
 * its processes preempted six to eight times as often). `PPROCESS_NODE_FLAGS`
 * replaces this list (empty for none); a creator's own flag, such as
 * `--no-single-threaded-gc`, comes later and wins.
 */
export const DEFAULT_NODE_FLAGS: readonly string[] = ['--single-threaded-gc'];

/** The flags for created processes: `PPROCESS_NODE_FLAGS`, split at spaces, or the defaults. */
export function createdProcessFlags(): string[] {
  const text = process.env.PPROCESS_NODE_FLAGS;
  if (text === undefined) return [...DEFAULT_NODE_FLAGS];
  const flags = text.split(/\s+/).filter(Boolean);
  const stray = flags.find((flag) => !flag.startsWith('-'));
  if (stray !== undefined) {
    throw new PProcessError('ERR_NODE_FLAGS',
      'PPROCESS_NODE_FLAGS must list Node.js flags separated by spaces, each starting with "-" (a value joined ' +
        `with "=", as in --max-old-space-size=4096), but it has ${JSON.stringify(stray)}`);
  }
  return flags;
}

/** `[node, ...flags, script, ...args]`, with the tsx loader where TypeScript must be loaded. */
export function nodeCommand({ script, args = [], module = '', preload }: NodeCommandOptions): string[] {
  const flags = createdProcessFlags();
  const inherited = process.execArgv;
  for (let i = 0; i < inherited.length; i++) {
    const flag = inherited[i]!;
    // A debugger port cannot be shared; code to evaluate is the creator's own.
    if (/^--(inspect|debug)|^--(eval|print)=/.test(flag)) continue;
    if (['-e', '--eval', '-p', '--print'].includes(flag)) i++;
    else flags.push(flag);
  }
  const needsLoader = [script, module, preload ?? ''].some((name) => typeScriptModule.test(name));
  if (needsLoader && !flags.some((flag) => flag.includes('tsx'))) flags.push('--import', tsxLoader());
  if (preload) flags.push('--import', preload);
  return [process.execPath, ...flags, script, ...args];
}

/** Throws where no process may be started: while a task module is imported, or while create() replays. */
export function assertMayStart(): void {
  const guarded = importingModule();
  if (guarded) throw new StartDuringImportError(guarded);
  if (replayingPrefix()) {
    throw new CreateReplayError(
      'This process, made by create(), replayed a part of the program that starts a process: ' +
        'a replay cannot repeat that; start processes after the create() calls, or use start() instead of create()',
    );
  }
}

let tsxLoaderUrl: string | undefined;

function tsxLoader(): string {
  try {
    tsxLoaderUrl ??= pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
    return tsxLoaderUrl;
  } catch (cause) {
    throw new PProcessError('ERR_NO_TS_LOADER',
      'A new process must load a TypeScript module, but the tsx loader is not installed: npm install tsx',
      { cause });
  }
}
