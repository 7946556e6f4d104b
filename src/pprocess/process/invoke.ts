// Running a callable in a created process: import its module (with the
// import guard raised), find the export, and call it in its style.
import type { Channel } from '../channel/channel.js';
import { Kind } from '../channel/protocol.js';
import { serializeError, TaskLoadError } from '../errors.js';
import type { CallableSpec, ChunkResult } from './callable.js';
import { importGuarded } from './import-guard.js';

type TaskFunction = (...args: unknown[]) => unknown;

/** Imports the callable's module and returns its export; a `TaskLoadError` names module and export. */
export async function loadExport({ module, exportName }: CallableSpec): Promise<TaskFunction> {
  let namespace: Record<string, unknown>;
  try {
    namespace = await importGuarded(module);
  } catch (cause) {
    throw new TaskLoadError(
      `Cannot load module ${module} (for export "${exportName}"): ${(cause as Error)?.message ?? cause}`,
      { cause },
    );
  }
  const fn = namespace[exportName];
  if (typeof fn !== 'function') {
    const found = Object.keys(namespace).filter((key) => typeof namespace[key] === 'function');
    throw new TaskLoadError(
      `Module ${module} has no exported function "${exportName}"` +
        (found.length ? ` (its exported functions: ${found.join(', ')})` : ''),
    );
  }
  return fn as TaskFunction;
}

/**
 * Loads and calls the callable with `args`, as its style says (see
 * `CallStyle`). With `awaitResults`, each result it sends back is awaited
 * until the peer takes it (a background process, whose results wait for a
 * client); otherwise they are written in order and the task's end delivers them.
 */
export async function invoke(spec: CallableSpec, channel: Channel, args: unknown[], awaitResults = false): Promise<void> {
  const loaded = await loadExport(spec);
  // From here on the task runs: its time limit, if any, counts from now.
  channel.sendControl(Kind.started);
  const leading = spec.leading ?? [];
  const fn = leading.length ? (...rest: unknown[]) => loaded(...leading, ...rest) : loaded;
  const call = spec.chunked ? callOnChunk(fn) : (list: unknown[]) => fn(...list);
  switch (spec.style) {
    case 'channel':
      await loaded(channel, ...leading, ...args);
      return;
    case 'parallel':
      await sendResult(channel, await call(args), awaitResults);
      return;
    case 'reusable':
      // Run again with each argument list received, until `null` says stop.
      // The creator gives at most a few tasks ahead, so results not awaited
      // cannot pile up.
      for (let next: unknown = args; next !== null; next = await channel.receive()) {
        await sendResult(channel, await call(next as unknown[]), awaitResults);
      }
  }
}

// Sends a result, or in its place the reason it cannot be sent (too large, say).
async function sendResult(channel: Channel, value: unknown, awaitIt: boolean): Promise<void> {
  let sent: Promise<void>;
  try {
    sent = channel.sendNow(value);
  } catch (error) {
    sent = channel.sendError(serializeError(error));
  }
  if (awaitIt) await sent;
  else sent.catch(() => {});
}

// Calls `fn` on each element of a chunk, keeping each element's failure apart.
function callOnChunk(fn: TaskFunction): (args: unknown[]) => Promise<ChunkResult> {
  return async ([chunk]) => {
    const result: ChunkResult = { values: [], failures: [] };
    for (const [position, element] of (chunk as unknown[]).entries()) {
      try {
        result.values.push(await fn(element));
      } catch (error) {
        result.values.push(undefined);
        result.failures.push([position, serializeError(error)]);
      }
    }
    return result;
  };
}
