// Where the peers' worker modules are, and how a worker loads them: the
// compiled JavaScript as is, or, when the benchmark itself runs from the
// TypeScript sources (tests, development), through the tsx loader.
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

export { siblingModule as sibling } from '../../pprocess/sibling-module.js';

/** Whether this code runs from the TypeScript sources rather than the compiled output. */
export const FROM_SOURCES = import.meta.url.endsWith('.ts');

/**
 * The file a worker thread is started on to load `module`: the module
 * itself, or from the sources a bootstrap that registers tsx in the thread
 * first and then loads the module named in `workerData.module` (a thread
 * does not inherit its process's module loader).
 */
export function threadEntry(module: URL): string {
  return FROM_SOURCES ? fileURLToPath(new URL('./ts-worker-thread.mjs', import.meta.url)) : fileURLToPath(module);
}

/** The flags a child `node` needs to load `module`: the tsx loader when it is TypeScript. */
export function childExecArgv(module: URL): string[] {
  if (!module.pathname.endsWith('.ts')) return [];
  return ['--import', pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href];
}
