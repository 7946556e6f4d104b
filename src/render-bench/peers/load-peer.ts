// The peer pools are development dependencies: the benchmarks use them
// when they are installed and report them as missing otherwise.
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';

/** A peer pool's module and installed version. */
export interface LoadedPeer<M> {
  readonly module: M;
  readonly version: string;
}

/**
 * Imports package `name` and reads its version; `undefined` when it is not
 * installed. Any other failure to load it is an error.
 */
export async function loadPeer<M>(name: string): Promise<LoadedPeer<M> | undefined> {
  let module: M;
  try {
    module = (await import(name)) as M;
  } catch (error) {
    // Only the package itself missing, not one of its own dependencies.
    const { code, message } = error as { code?: string; message?: string };
    if (code === 'ERR_MODULE_NOT_FOUND' && message?.includes(`'${name}'`)) return undefined;
    throw error;
  }
  return { module, version: await versionOf(name, createRequire(import.meta.url).resolve(name)) };
}

// Walks up from the package's entry file to its package.json (whose
// `exports` may not expose it to import).
async function versionOf(name: string, entryPath: string): Promise<string> {
  for (let dir = dirname(entryPath); dir !== dirname(dir); dir = dirname(dir)) {
    const manifest = await readFile(join(dir, 'package.json'), 'utf8').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return undefined;
      throw error;
    });
    if (manifest === undefined) continue;
    const parsed = JSON.parse(manifest) as { name?: string; version?: string };
    if (parsed.name === name && parsed.version) return parsed.version;
  }
  return 'unknown';
}
