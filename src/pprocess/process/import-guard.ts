// The guard against runaway process creation: while a created process imports
// a task module, starting a process is an error (the module is missing an
// `isMain(import.meta.url)` guard). A global, since the task module may load
// its own copy of this library.
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const IMPORTING = Symbol.for('pprocess.importingTaskModule');

// The modules being imported, oldest first: one named ahead by prestart() may still load when a task's does.
type GuardedGlobal = typeof globalThis & { [IMPORTING]?: string[] };

/** The task module being imported into this created process, if any. */
export function importingModule(): string | undefined {
  return (globalThis as GuardedGlobal)[IMPORTING]?.at(-1);
}

/** Imports a task module with the guard raised. */
export async function importGuarded(moduleUrl: string): Promise<Record<string, unknown>> {
  const importing = ((globalThis as GuardedGlobal)[IMPORTING] ??= []);
  importing.push(moduleUrl);
  try {
    return await import(moduleUrl);
  } finally {
    importing.splice(importing.indexOf(moduleUrl), 1);
    if (importing.length === 0) delete (globalThis as GuardedGlobal)[IMPORTING];
  }
}

/**
 * Whether the module at `moduleUrl` is the program's entry point: true when
 * run as `node main.js` (or `tsx main.ts`), false when imported by a created
 * process. Guard code that starts processes with it.
 */
export function isMain(moduleUrl: string | URL): boolean {
  const entry = process.argv[1];
  if (!entry) return false;
  try {
    return realpathSync(fileURLToPath(moduleUrl)) === realpathSync(entry);
  } catch {
    return false;
  }
}
