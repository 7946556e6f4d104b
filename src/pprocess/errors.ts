// The library's error classes. Each carries a stable `code`, so callers and
// tests can branch on the code rather than on the message text.

/**
 * Every code an error of pprocess's own carries: one registry, so that
 * callers and tests branch on the code, never on the text. A `RemoteError`
 * carries its remote error's code, a `SocketAddressError` the system's
 * (`EADDRINUSE`, `ENOENT`, …), a cluster's `ClusterError` one of
 * `ClusterErrorCode`.
 */
export type PProcessErrorCode =
  /** A created process ended while its result was awaited (`ProcessExitError`). */
  | 'ERR_PROCESS_EXIT'
  /** A created process took too long to boot or to load its module (`StartTimeoutError`). */
  | 'ERR_START_TIMEOUT'
  /** A task ran longer than `timeoutMs` (`TimeoutError`). */
  | 'ERR_TIMEOUT'
  /** Work was cancelled through an `AbortSignal` (`AbortError`), Node.js's code for it. */
  | 'ABORT_ERR'
  /** A channel was used after it closed (`ChannelClosedError`). */
  | 'ERR_CHANNEL_CLOSED'
  /** Bytes on a channel that are not a well-formed frame (`ProtocolError`). */
  | 'ERR_PROTOCOL'
  /** A value over the channel's frame limit (`FrameTooLargeError`). */
  | 'ERR_FRAME_TOO_LARGE'
  /** Work asked of, or awaited from, a closed exchange (`ExchangeClosedError`). */
  | 'ERR_EXCHANGE_CLOSED'
  /** A task's module or export could not be loaded (`TaskLoadError`). */
  | 'ERR_TASK_LOAD'
  /** A process was started while a task module was being imported (`StartDuringImportError`). */
  | 'ERR_START_DURING_IMPORT'
  /** A fork-style replay took another path (`CreateReplayError`). */
  | 'ERR_CREATE_REPLAY'
  /** A Map's task ended without a result. */
  | 'ERR_NO_RESULT'
  /** A process could not be spawned. */
  | 'ERR_SPAWN'
  /** `PPROCESS_NODE_FLAGS` holds something that is not a flag. */
  | 'ERR_NODE_FLAGS'
  /** A TypeScript task module, and no tsx to load it. */
  | 'ERR_NO_TS_LOADER'
  /** A pool setting (`PPROCESS_IDLE_TIMEOUT_MS`, …) that is not a whole number in range. */
  | 'ERR_POOL_SETTING'
  /** A background process ended before it listened. */
  | 'ERR_BACKGROUND_START';

/** Base class of every error raised by pprocess itself; `Code` is the type of its `code`. */
export class PProcessError<Code extends string = PProcessErrorCode> extends Error {
  readonly code: Code;

  constructor(code: NoInfer<Code>, message: string, options?: ErrorOptions) {
    super(message, options);
    this.code = code;
  }

  override get name(): string {
    return this.constructor.name;
  }
}

/** A `RangeError` for an argument out of range, with Node.js's code `ERR_OUT_OF_RANGE`. */
export function outOfRange(message: string): RangeError {
  return Object.assign(new RangeError(message), { code: 'ERR_OUT_OF_RANGE' });
}

/** A `TypeError` for an argument of the wrong type, with Node.js's code `ERR_INVALID_ARG_TYPE`. */
export function invalidType(message: string): TypeError {
  return Object.assign(new TypeError(message), { code: 'ERR_INVALID_ARG_TYPE' });
}

/** What a created process sent back when its callable threw. */
export interface SerializedError {
  name: string;
  message: string;
  stack?: string;
  code?: unknown;
  /** The error's own enumerable properties, other than the ones above. */
  props?: Record<string, unknown>;
  cause?: SerializedError;
}

/**
 * An exception raised by the callable in a created process, re-thrown by the
 * creator. `remoteName` keeps the original class name; `code` and the error's
 * own enumerable properties are copied onto this object.
 */
export class RemoteError extends PProcessError<string> {
  /** The class name of the error in the created process (`TypeError`, `MyError`, …). */
  readonly remoteName: string;
  /** The stack as it was in the created process. */
  readonly remoteStack: string | undefined;
  /** The process the error came from. */
  readonly pid: number;
  /** Where known, the index of the task (its position in a `Map` or `pmap`). */
  taskIndex: number | undefined;

  constructor(remote: SerializedError, pid: number, taskIndex?: number) {
    super(
      typeof remote.code === 'string' ? remote.code : 'ERR_REMOTE',
      remote.message,
      remote.cause ? { cause: reviveError(remote.cause) } : undefined,
    );
    this.remoteName = remote.name;
    this.remoteStack = remote.stack;
    this.pid = pid;
    this.taskIndex = taskIndex;
    for (const [key, value] of Object.entries(remote.props ?? {})) {
      if (!(key in this)) (this as Record<string, unknown>)[key] = value;
    }
    const header = `RemoteError: ${remote.name}: ${remote.message} (in process ${pid})`;
    const frames = remote.stack?.split('\n').filter((line) => /^\s+at /.test(line)) ?? [];
    this.stack = [header, ...frames].join('\n');
  }
}

/**
 * A created process ended (non-zero exit, a signal, or exit without sending
 * what was expected) while its creator was waiting for it.
 */
export class ProcessExitError extends PProcessError {
  readonly pid: number;
  readonly exitCode: number | null;
  readonly signal: NodeJS.Signals | null;
  taskIndex: number | undefined;

  constructor(pid: number, exitCode: number | null, signal: NodeJS.Signals | null, detail?: string) {
    const how = signal ? `was killed by ${signal}` : `exited with code ${exitCode}`;
    super('ERR_PROCESS_EXIT', `Process ${pid} ${how}${detail ? ` ${detail}` : ''}`);
    this.pid = pid;
    this.exitCode = exitCode;
    this.signal = signal;
  }

  /** Names the task that was running in the process. */
  forTask(index: number): this {
    this.taskIndex = index;
    this.message = `${this.message} while running task ${index}`;
    return this;
  }
}

/**
 * A created process took too long to start: to boot (`phase: 'boot'`), or
 * to load its task's module (`'load'`, a top-level `await` that never
 * settles, say). It was killed. The bound is `PPROCESS_START_TIMEOUT_MS`.
 */
export class StartTimeoutError extends ProcessExitError {
  /** Which part of start-up took too long. */
  readonly phase: 'boot' | 'load';
  readonly timeoutMs: number;

  constructor(pid: number, phase: 'boot' | 'load', timeoutMs: number) {
    super(pid, null, 'SIGKILL');
    (this as { code: PProcessErrorCode }).code = 'ERR_START_TIMEOUT';
    this.phase = phase;
    this.timeoutMs = timeoutMs;
    const what = phase === 'boot' ? 'to boot' : "to load its task's module";
    this.message = `Process ${pid} took longer than ${timeoutMs} ms ${what} and was killed ` +
      '(PPROCESS_START_TIMEOUT_MS sets the bound)';
  }
}

/** A value too large for a channel's frame limit, refused before anything was sent. */
export class FrameTooLargeError extends PProcessError {
  readonly bytes: number;
  readonly maxFrameBytes: number;

  constructor(bytes: number, maxFrameBytes: number) {
    super('ERR_FRAME_TOO_LARGE',
      `A value of ${bytes} bytes (serialized) is over the channel's limit of ${maxFrameBytes} bytes; ` +
        'send it in parts, or raise PPROCESS_MAX_FRAME_BYTES in both processes');
    this.bytes = bytes;
    this.maxFrameBytes = maxFrameBytes;
  }
}

/** Work was asked of, or awaited from, an exchange that `close()` ended. */
export class ExchangeClosedError extends PProcessError {
  constructor(api: string) {
    super('ERR_EXCHANGE_CLOSED', `${api} was closed: its work was cancelled and no more can be started`);
  }
}

/** A channel was used after it was closed, or its peer went away cleanly. */
export class ChannelClosedError extends PProcessError {
  constructor(message: string) {
    super('ERR_CHANNEL_CLOSED', message);
  }
}

/** Bytes on a channel that are not a well-formed frame. */
export class ProtocolError extends PProcessError {
  constructor(message: string) {
    super('ERR_PROTOCOL', message);
  }
}

/** The module or export named by a callable could not be loaded. */
export class TaskLoadError extends PProcessError {
  constructor(message: string, options?: ErrorOptions) {
    super('ERR_TASK_LOAD', message, options);
  }
}

/** A process was started while a task module was still being imported. */
export class StartDuringImportError extends PProcessError {
  constructor(moduleUrl: string) {
    super(
      'ERR_START_DURING_IMPORT',
      `${moduleUrl} started a process while being imported into a created process. ` +
        'Guard the code that starts processes with `if (isMain(import.meta.url)) { ... }`.',
    );
  }
}

/** A task ran for longer than its `timeoutMs`; its process was killed. */
export class TimeoutError extends PProcessError {
  readonly pid: number;
  readonly timeoutMs: number;
  taskIndex: number | undefined;

  constructor(pid: number, timeoutMs: number) {
    super('ERR_TIMEOUT', `Process ${pid} ran for longer than ${timeoutMs} ms and was killed`);
    this.pid = pid;
    this.timeoutMs = timeoutMs;
  }

  /** Names the task that was running in the process. */
  forTask(index: number): this {
    this.taskIndex = index;
    this.message = `${this.message} while running task ${index}`;
    return this;
  }
}

/** Work was cancelled through an `AbortSignal`. */
export class AbortError extends PProcessError {
  constructor(reason?: unknown) {
    const why = reason instanceof Error ? reason.message : reason === undefined ? '' : String(reason);
    super('ABORT_ERR', `The operation was aborted${why ? `: ${why}` : ''}`, reason === undefined ? undefined : { cause: reason });
  }
}

const builtinErrors: Record<string, ErrorConstructor> = {
  Error,
  EvalError,
  RangeError,
  ReferenceError,
  SyntaxError,
  TypeError,
  URIError,
};

/** Turns any thrown value into data that can cross a channel. */
export function serializeError(error: unknown, depth = 0): SerializedError {
  if (!(error instanceof Error)) return serializeThrownValue(error);
  const props: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(error)) {
    if (key === 'code' || key === 'name' || key === 'message' || key === 'stack' || key === 'cause') continue;
    if (isPlainData(value)) props[key] = value;
  }
  const code = (error as { code?: unknown }).code;
  return {
    name: error.name,
    message: error.message,
    stack: error.stack,
    ...(code !== undefined && isPlainData(code) ? { code } : {}),
    ...(Object.keys(props).length ? { props } : {}),
    ...(error.cause !== undefined && depth < 8 ? { cause: serializeError(error.cause, depth + 1) } : {}),
  };
}

// A thrown value that is not an Error: a plain object keeps its name,
// message, code and other plain properties, as an error would.
function serializeThrownValue(value: unknown): SerializedError {
  const base = { name: 'Error', message: `A non-Error value was thrown: ${describe(value)}` };
  if (typeof value !== 'object' || value === null || Object.getPrototypeOf(value) !== Object.prototype) return base;
  const { name, message, code, stack, ...rest } = value as Record<string, unknown>;
  const props: Record<string, unknown> = {};
  for (const [key, entry] of Object.entries(rest)) if (isPlainData(entry)) props[key] = entry;
  return {
    name: typeof name === 'string' ? name : base.name,
    message: typeof message === 'string' ? message : base.message,
    ...(typeof stack === 'string' ? { stack } : {}),
    ...(code !== undefined && isPlainData(code) ? { code } : {}),
    ...(Object.keys(props).length ? { props } : {}),
  };
}

/** Rebuilds an Error from its serialized form, keeping name, code and properties. */
export function reviveError(data: SerializedError): Error {
  const Ctor = builtinErrors[data.name] ?? Error;
  const error = new Ctor(data.message, data.cause ? { cause: reviveError(data.cause) } : undefined);
  if (!builtinErrors[data.name]) {
    Object.defineProperty(error, 'name', { value: data.name, configurable: true, writable: true });
  }
  if (data.stack !== undefined) error.stack = data.stack;
  if (data.code !== undefined) (error as { code?: unknown }).code = data.code;
  Object.assign(error, data.props);
  return error;
}

// Whether a value survives the structured clone without surprises.
function isPlainData(value: unknown): boolean {
  const type = typeof value;
  return value === null || type === 'string' || type === 'number' || type === 'boolean' || type === 'bigint' ||
    (type === 'object' && (Array.isArray(value) || Object.getPrototypeOf(value) === Object.prototype) &&
      safeJson(value));
}

function safeJson(value: unknown): boolean {
  try {
    JSON.stringify(value);
    return true;
  } catch {
    return false;
  }
}

function describe(value: unknown): string {
  try {
    return typeof value === 'string' ? JSON.stringify(value) : String(value);
  } catch {
    return typeof value;
  }
}

/**
 * A background process closed its connection before saying it finished: it
 * exited or was killed (its log may say why). A `ProcessExitError`, so an
 * exchange reports it as it reports a created process that died.
 */
export class BackgroundExitError extends ProcessExitError {
  /** The socket address of the background process. */
  readonly address: string;

  constructor(pid: number, address: string) {
    super(pid, null, null);
    this.address = address;
    this.message = `The background process${pid ? ` ${pid}` : ''} at ${address} closed its connection ` +
      'before finishing its work: it exited or was killed (its log may say why)';
  }
}

/**
 * A socket address that cannot be listened at or connected to. The `code`
 * says why: `EADDRINUSE` (a live process listens there), `ENOENT` (no socket
 * file), `ECONNREFUSED` (a stale socket file, left by a process that died),
 * `ENOTSOCK` (the path is not a socket), `EACCES` (not allowed), or the
 * system's code for anything else.
 */
export class SocketAddressError extends PProcessError<string> {
  /** The socket file's path. */
  readonly address: string;

  constructor(code: string, address: string, message: string, options?: ErrorOptions) {
    super(code, message, options);
    this.address = address;
  }
}
