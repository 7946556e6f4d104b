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

/** Loads and calls the callable with `args`, as its style says (see `CallStyle`). */
export async function invoke(spec: CallableSpec, channel: Channel, args: unknown[]): Promise<void> {
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
      await channel.send(await call(args));
      return;
    case 'reusable': {
      // Sends whose acknowledgement is not awaited, because the next work was
      // already there. Each leaves once acknowledged, so a process that always
      // has work does not keep them all; a failed one stays, to be thrown below.
      const unacknowledged = new Set<Promise<void>>();
      // Run again with each argument list received, until `null` says stop.
      for (let next: unknown = args; next !== null; next = await takeNext(channel)) {
        const sent = channel.send(await call(next as unknown[]));
        if (channel.readable) {
          unacknowledged.add(sent);
          sent.then(() => unacknowledged.delete(sent), () => {});
        } else {
          await Promise.all([...unacknowledged, sent]);
          unacknowledged.clear();
        }
      }
      await Promise.all(unacknowledged);
    }
  }
}

// Receives a reused process's next arguments. Their acknowledgement is held
// back for a moment, to leave with the result when the call is quick.
async function takeNext(channel: Channel): Promise<unknown> {
  const release = channel.batch();
  try {
    return await channel.receive();
  } finally {
    setImmediate(release);
  }
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
