// Callables: references to exported functions that a new process can import,
// since a fresh process cannot inherit a closure.
import { isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Channel } from '../channel/channel.js';
import type { CallableSpec, CallStyle } from '../channel/protocol.js';
import { assertCloneable } from '../channel/wire-value.js';

export type { CallableSpec, CallStyle, ChunkResult } from '../channel/protocol.js';

/** A function that a created process can find: made by `task()`, `makeParallel()` or `makeReusable()`. */
export interface Callable<Args extends unknown[] = unknown[], Result = unknown> extends CallableSpec {
  readonly __callable: true;
  /** Type-only: the arguments and result of the function (a method, so that it is bivariant). */
  __types?(args: Args): Result;
}

/** A callable of any signature. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyCallable = Callable<any, any>;

type AnyFunction = (...args: never[]) => unknown;

// The arguments of a function, without its leading channel parameter.
type ArgsAfterChannel<F> = F extends (channel: Channel, ...args: infer A) => unknown ? A : unknown[];

/**
 * Names an exported function by its export's name, untyped (see the other
 * signature).
 *
 * @param moduleUrl The module exporting the function: `import.meta.url`, a `file:` URL or an absolute path.
 * @param exportName The export's name.
 */
export function task(moduleUrl: string | URL, exportName: string): AnyCallable;
/**
 * Names an exported function so that a created process can import and call
 * it. The function is parallel-aware: it receives a `Channel` first, then the
 * arguments given to `start()`.
 *
 * ```ts
 * export async function calculate(ch: Channel, i: number) { await ch.send(i * i); }
 * const calc = task(import.meta.url, calculate);
 * ```
 *
 * @param moduleUrl The module exporting the function: `import.meta.url`, a `file:` URL or an absolute path.
 * @param fn The exported function; its `name` is the export looked up.
 */
export function task<F extends AnyFunction>(moduleUrl: string | URL, fn: F): Callable<ArgsAfterChannel<F>>;
export function task(moduleUrl: string | URL, fn: AnyFunction | string): AnyCallable {
  return makeCallable(moduleUrl, fn, 'channel', 'task');
}

/**
 * Wraps a plain function, `(...args) => result`, so that the created process
 * sends its (awaited) return value back. A `Callable` made by `task()` may be
 * passed to rewrap the same export.
 */
export function makeParallel(callable: AnyCallable): AnyCallable;
export function makeParallel(moduleUrl: string | URL, exportName: string): AnyCallable;
export function makeParallel<F extends AnyFunction>(moduleUrl: string | URL, fn: F): Callable<Parameters<F>, Awaited<ReturnType<F>>>;
export function makeParallel(callableOrModule: AnyCallable | string | URL, fn?: AnyFunction | string): AnyCallable {
  return restyle(callableOrModule, fn, 'parallel', 'makeParallel');
}

/**
 * Like `makeParallel`, but the process stays alive after sending a result
 * and runs again with each further argument list it receives, until it
 * receives `null`. Use with `{ reuse: true }`.
 */
export function makeReusable(callable: AnyCallable): AnyCallable;
export function makeReusable(moduleUrl: string | URL, exportName: string): AnyCallable;
export function makeReusable<F extends AnyFunction>(moduleUrl: string | URL, fn: F): Callable<Parameters<F>, Awaited<ReturnType<F>>>;
export function makeReusable(callableOrModule: AnyCallable | string | URL, fn?: AnyFunction | string): AnyCallable {
  return restyle(callableOrModule, fn, 'reusable', 'makeReusable');
}

/**
 * Fixes the first arguments of a callable, as `functools.partial` does: every
 * call gets `leading` before its own arguments. A process receives them once,
 * when it starts, so a reused process gets large shared data (a scene, a
 * model, a table) once and then only each task's own small arguments.
 *
 * ```ts
 * const renderRow = partial(makeReusable(import.meta.url, renderRowOf), scene);
 * await pmap(renderRow, rows, { reuse: true }).toArray();   // renderRowOf(scene, row)
 * ```
 */
export function partial(callable: AnyCallable, ...leading: unknown[]): AnyCallable {
  assertCallable(callable, 'partial()');
  assertCloneable(leading, 'leading');
  return Object.freeze({ ...callable, leading: [...(callable.leading ?? []), ...leading] });
}

/** Whether a value is a `Callable`. */
export function isCallable(value: unknown): value is AnyCallable {
  return typeof value === 'object' && value !== null && (value as Callable).__callable === true;
}

/** Throws a `TypeError` unless `value` is a `Callable`, naming the API that needed one. */
export function assertCallable(value: unknown, api: string): asserts value is AnyCallable {
  if (isCallable(value)) return;
  const hint = typeof value === 'function'
    ? `a function cannot be sent to another process; wrap it with task(import.meta.url, ${value.name || 'fn'})`
    : `got ${value === null ? 'null' : typeof value}`;
  throw withCode(new TypeError(`${api} expects a Callable made by task(), makeParallel() or makeReusable(): ${hint}`));
}

// The plain serializable part of a callable.
export function specOf(callable: AnyCallable): CallableSpec {
  const spec: CallableSpec = { module: callable.module, exportName: callable.exportName, style: callable.style };
  if (callable.chunked) spec.chunked = true;
  if (callable.leading) spec.leading = callable.leading;
  return spec;
}

function restyle(callableOrModule: AnyCallable | string | URL, fn: AnyFunction | string | undefined, style: CallStyle, api: string): AnyCallable {
  if (isCallable(callableOrModule)) {
    if (fn !== undefined) throw withCode(new TypeError(`${api}(callable) takes no second argument`));
    return { ...callableOrModule, style };
  }
  if (fn === undefined) {
    throw withCode(new TypeError(`${api} expects a Callable, or a module URL and a function: ${api}(import.meta.url, fn)`));
  }
  return makeCallable(callableOrModule, fn, style, api);
}

function makeCallable(moduleUrl: string | URL, fn: AnyFunction | string, style: CallStyle, api: string): AnyCallable {
  const exportName = typeof fn === 'string' ? fn : fn?.name;
  if (typeof fn !== 'string' && typeof fn !== 'function') {
    throw withCode(new TypeError(`${api} expects an exported function or its name, got ${typeof fn}`));
  }
  if (!exportName) {
    throw withCode(new TypeError(`${api} cannot find an anonymous function in another process: export it under a name and pass the name`));
  }
  return Object.freeze({ __callable: true as const, module: moduleHref(moduleUrl, api), exportName, style });
}

/** A module named by `api`'s caller as a file: URL string: a `TypeError` (`ERR_INVALID_CALLABLE`) for anything else. */
export function moduleHref(moduleUrl: string | URL, api: string): string {
  if (moduleUrl instanceof URL) return moduleUrl.href;
  if (typeof moduleUrl === 'string') {
    if (moduleUrl.startsWith('file:')) return new URL(moduleUrl).href;
    if (isAbsolute(moduleUrl)) return pathToFileURL(moduleUrl).href;
  }
  throw withCode(new TypeError(
    `${api} needs the module's file: URL or absolute path, got ${JSON.stringify(String(moduleUrl))}; ` +
      "pass import.meta.url or new URL('./module.js', import.meta.url)",
  ));
}

function withCode(error: TypeError): TypeError {
  (error as TypeError & { code: string }).code = 'ERR_INVALID_CALLABLE';
  return error;
}
