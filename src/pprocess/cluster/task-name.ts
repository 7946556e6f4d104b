// Naming a callable for another machine: by the package it belongs to and
// its path inside, never by this machine's file: URL.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Callable } from '../index.js';
import { ClusterError } from './errors.js';
import type { TaskRef } from './wire.js';

/**
 * Names a task explicitly: `module` is `<package>/<path in the package>`
 * (for example `pprocess/dist/raytracer/render/row-worker.js`), or exactly a module
 * the workers were started with `--allow`. `leading` arguments are passed
 * before each element, as `partial()` does: stored once, sent to each
 * worker process once.
 */
export function remoteTask(module: string, exportName: string, ...leading: unknown[]): TaskRef {
  if (typeof module !== 'string' || module === '' || typeof exportName !== 'string' || exportName === '') {
    throw new ClusterError('ERR_CLUSTER_TASK_NAME', 'remoteTask(module, exportName) needs two non-empty strings');
  }
  return Object.freeze({ module, exportName, ...(leading.length > 0 && { leading }) });
}

/** The package holding a file: its name and root directory. */
export interface PackageOf {
  readonly name: string;
  readonly root: string;
}

/** The nearest package.json with a name, up from `file`. */
export function packageOf(file: string): PackageOf | undefined {
  for (let dir = dirname(file); ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      const { name } = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: unknown };
      if (typeof name === 'string' && name !== '') return { name, root: dir };
    }
    if (dirname(dir) === dir) return undefined;
  }
}

/**
 * The `TaskRef` of a `Callable` made by `makeParallel()` or
 * `makeReusable()`: its module named relative to its package. A
 * `ClusterError` (`ERR_CLUSTER_TASK_NAME`) for a channel task or a module
 * outside any package.
 */
export function taskRefOf(callable: Callable): TaskRef {
  if (callable.style === 'channel') {
    throw new ClusterError('ERR_CLUSTER_TASK_NAME', `${callable.exportName}: a channel task cannot run on a cluster; wrap the plain function with makeParallel()`);
  }
  const file = fileURLToPath(callable.module);
  const owner = packageOf(file);
  if (!owner) {
    throw new ClusterError('ERR_CLUSTER_TASK_NAME', `${file} is in no package, so workers cannot find it; name the task with remoteTask()`);
  }
  return remoteTask(`${owner.name}/${relative(owner.root, file).split(sep).join('/')}`, callable.exportName, ...(callable.leading ?? []));
}
