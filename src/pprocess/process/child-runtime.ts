// The entry point of every created process: it takes its channel from file
// descriptor 3, waits to be told what to run, runs it, and reports back.
import { Socket } from 'node:net';
import { Channel } from '../channel/channel.js';
import { Kind, type RunRequest } from '../channel/protocol.js';
import { decodeValue } from '../channel/wire-value.js';
import { serializeError, TaskLoadError } from '../errors.js';
import type { CallableSpec } from './callable.js';
import { importGuarded } from './import-guard.js';

const CHANNEL_FD = 3;

type TaskFunction = (...args: unknown[]) => unknown;

async function main(): Promise<void> {
  const channel = new Channel(new Socket({ fd: CHANNEL_FD, readable: true, writable: true }), { pid: 0 });
  // The creator is gone (it exited, was killed, or closed the channel): so are we.
  channel.watch(() => {
    if (channel.endError) process.exit(0);
  });

  const request = decodeValue((await channel.receiveControl()).body) as RunRequest;
  try {
    const fn = await loadExport(request.callable);
    await invoke(fn, request.callable, channel, request.args);
  } catch (error) {
    await channel.sendError(serializeError(error));
    await finish(channel, 1);
  }
  await finish(channel, 0);
}

async function loadExport({ module, exportName }: CallableSpec): Promise<TaskFunction> {
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

async function invoke(fn: TaskFunction, spec: CallableSpec, channel: Channel, args: unknown[]): Promise<void> {
  switch (spec.style) {
    case 'channel':
      await fn(channel, ...args);
      return;
    case 'parallel':
      await channel.send(await fn(...args));
      return;
    case 'reusable':
      // Run again with each argument list received, until `null` says stop.
      for (let next: unknown = args; next !== null; next = await channel.receive()) {
        await channel.send(await fn(...(next as unknown[])));
      }
  }
}

// Tells the creator this process is done, then exits once that is written.
async function finish(channel: Channel, code: number): Promise<never> {
  channel.sendControl(Kind.done);
  await channel.flush();
  process.exit(code);
}

await main();
