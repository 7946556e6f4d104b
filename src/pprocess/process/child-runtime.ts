// The entry point of every created process: it takes its channel from file
// descriptor 3, waits to be told what to run, runs it, and reports back.
import { Socket } from 'node:net';
import { Channel } from '../channel/channel.js';
import { Kind, type RunRequest } from '../channel/protocol.js';
import { decodeValue } from '../channel/wire-value.js';
import { serializeError } from '../errors.js';
import { invoke } from './invoke.js';
import { startWatchdog } from './watchdog.js';

const CHANNEL_FD = 3;

async function main(): Promise<void> {
  startWatchdog();
  const channel = new Channel(new Socket({ fd: CHANNEL_FD, readable: true, writable: true }), { pid: 0 });
  // This process lives as long as its task runs, whatever the task waits on
  // (its channel's abort signal included); it exits explicitly when done.
  channel.hold();
  // The creator is gone (it exited, was killed, or closed the channel): so are we.
  channel.watch(() => {
    if (channel.endError) process.exit(0);
  });

  channel.sendControl(Kind.ready);
  const request = decodeValue((await channel.receiveControl()).body) as RunRequest;
  adoptSurroundings(request);
  try {
    await invoke(request.callable, channel, request.args);
  } catch (error) {
    await channel.sendError(serializeError(error));
    await finish(channel, 1);
  }
  await finish(channel, 0);
}

// A process started ahead of time takes on the creator's environment and
// working directory as they are now.
function adoptSurroundings({ env, cwd }: RunRequest): void {
  if (env) {
    for (const name of Object.keys(process.env)) if (!(name in env)) delete process.env[name];
    Object.assign(process.env, env);
  }
  if (cwd) process.chdir(cwd);
}

// Once the creator has every value the task sent (awaited or not), tells it
// this process is done, then exits once that is written.
async function finish(channel: Channel, code: number): Promise<never> {
  await channel.allAcknowledged();
  channel.sendControl(Kind.done);
  await channel.flush();
  process.exit(code);
}

await main();
