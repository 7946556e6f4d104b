// What a worker may run: modules of its own installed package, and those it
// was started with (`--allow`). Everything else is refused.
import { existsSync, realpathSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ClusterError } from './errors.js';
import { packageOf, type PackageOf } from './task-name.js';
import type { TaskRef } from './wire.js';

const EXPORT_NAME = /^[A-Za-z_$][\w$]*$/;

/** Decides which modules a worker runs, and where they are on this machine. */
export class TaskPolicy {
  readonly #own: PackageOf;
  readonly #allowed: ReadonlyMap<string, string>;

  /**
   * @param allow Modules beyond the worker's own package: absolute paths, or
   *   package specifiers resolvable from this package. A job names one by the
   *   same text.
   */
  constructor(allow: readonly string[] = [], own: PackageOf = packageOf(fileURLToPath(import.meta.url))!) {
    this.#own = own;
    this.#allowed = new Map(allow.map((module) => [module, resolveAllowed(module)]));
  }

  /** The package whose modules this worker runs. */
  get packageName(): string {
    return this.#own.name;
  }

  /** The `file:` URL of the task's module; a `ClusterError` (`ERR_CLUSTER_FORBIDDEN_TASK`) if it may not run. */
  resolve({ module, exportName }: TaskRef): string {
    if (!EXPORT_NAME.test(exportName)) throw forbidden(module, exportName, 'the export is not a plain name');
    const allowed = this.#allowed.get(module);
    if (allowed) return allowed;
    const prefix = `${this.#own.name}/`;
    if (!module.startsWith(prefix)) {
      throw forbidden(module, exportName, `it is neither in package ${this.#own.name} nor allowed with --allow`);
    }
    const path = module.slice(prefix.length);
    const segments = path.split('/');
    if (path.includes('\\') || segments.some((part) => part === '' || part === '.' || part === '..' || part === 'node_modules')) {
      throw forbidden(module, exportName, 'its path must stay inside the package');
    }
    for (const candidate of [path, compiledTwin(path)]) {
      if (candidate === undefined) continue;
      const file = join(this.#own.root, ...candidate.split('/'));
      if (existsSync(file) && statSync(file).isFile() && inside(this.#own.root, file)) return pathToFileURL(file).href;
    }
    throw forbidden(module, exportName, `package ${this.#own.name} has no such module here`);
  }
}

// The same module in the other form of this package: src/x.ts is built to
// dist/x.js, so a client running from source and a worker running the
// built package (or the reverse) name the same code.
function compiledTwin(path: string): string | undefined {
  const source = /^src\/(.+)\.ts$/.exec(path);
  if (source) return `dist/${source[1]}.js`;
  const built = /^dist\/(.+)\.js$/.exec(path);
  return built ? `src/${built[1]}.ts` : undefined;
}

function inside(root: string, file: string): boolean {
  const rel = relative(realpathSync(root), realpathSync(file));
  return rel !== '' && !rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel);
}

function resolveAllowed(module: string): string {
  try {
    return isAbsolute(module) ? pathToFileURL(realpathSync(module)).href : import.meta.resolve(module);
  } catch (cause) {
    throw new ClusterError('ERR_CLUSTER_FORBIDDEN_TASK', `--allow ${module}: no such module (${(cause as Error).message})`, { cause });
  }
}

function forbidden(module: string, exportName: string, why: string): ClusterError {
  return new ClusterError('ERR_CLUSTER_FORBIDDEN_TASK', `Refused to run ${module}#${exportName}: ${why}`);
}
