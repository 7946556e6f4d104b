// The command line that starts a background process: this Node.js, with the
// creator's flags and, where TypeScript must be loaded, the tsx loader, the
// way created processes are started (see process/launch.ts).
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { PProcessError, StartDuringImportError } from '../errors.js';
import { importingModule } from '../process/import-guard.js';
import { CreateReplayError, replayingPrefix } from '../process/replay.js';

const typeScriptModule = /\.(c|m)?tsx?$/;

/** `[node, ...flags, script, ...args]`, with a TypeScript loader if `script` or `module` needs one. */
export function nodeCommand(script: string, module: string, args: string[]): string[] {
  const flags: string[] = [];
  const inherited = process.execArgv;
  for (let i = 0; i < inherited.length; i++) {
    const flag = inherited[i]!;
    // A debugger port cannot be shared; code to evaluate is the creator's own.
    if (/^--(inspect|debug)|^--(eval|print)=/.test(flag)) continue;
    if (['-e', '--eval', '-p', '--print'].includes(flag)) i++;
    else flags.push(flag);
  }
  const needsLoader = typeScriptModule.test(script) || typeScriptModule.test(module);
  if (needsLoader && !flags.some((flag) => flag.includes('tsx'))) flags.push('--import', tsxLoader());
  return [process.execPath, ...flags, script, ...args];
}

/** Throws where no process may be started: while a task module is imported, or while create() replays. */
export function assertMayStart(): void {
  const guarded = importingModule();
  if (guarded) throw new StartDuringImportError(guarded);
  if (replayingPrefix()) {
    throw new CreateReplayError(
      'This process, made by create(), replayed a part of the program that starts a background process: ' +
        'start background processes after the create() calls',
    );
  }
}

function tsxLoader(): string {
  try {
    return pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
  } catch (cause) {
    throw new PProcessError('ERR_NO_TS_LOADER',
      'A background process must load a TypeScript module, but the tsx loader is not installed: npm install tsx',
      { cause });
  }
}
