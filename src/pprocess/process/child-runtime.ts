// The entry point of every created process: it takes its channel from file
// descriptor 3, then runs one task after another, each as its creator's
// run request says, each with a channel of its own, until the creator
// closes the socket.
import { Socket } from 'node:net';
import { Channel } from '../channel/channel.js';
import { CHANNEL_FD, Kind, type RunRequest } from '../channel/protocol.js';
import { SocketLink } from '../channel/socket-link.js';
import { decodeValue } from '../channel/wire-value.js';
import type { Frame } from '../codec/frame-codec.js';
import { serializeError, TaskLoadError } from '../errors.js';
import { importGuarded } from './import-guard.js';
import { invoke } from './invoke.js';
import { replay } from './replay-task.js';
import { SessionLink } from './session-link.js';
import { setEndTaskHook } from './task-end.js';
import { startWatchdog } from './watchdog.js';

const ENDING = Uint8Array.of(1);

// Where the kernel cannot end this process with its creator, a thread does.
startWatchdog();

const link = new SocketLink(new Socket({ fd: CHANNEL_FD, readable: true, writable: true }));
// How this process exits when its creator closes the socket.
let exitCode = 0;
// The running task's link; frames that arrive between tasks are left over from the last one.
let session: SessionLink | undefined;

link.listen({
  frame: (frame) => {
    if (frame.kind === Kind.run) void runTask(frame);
    else session?.deliver(frame);
  },
  broken: () => process.exit(1),
  // The creator is gone, or has retired this process: so are we.
  closed: () => process.exit(exitCode),
});
link.write(Kind.ready);
// Modules the creator named to have loaded before the first task (prestart's `modules`): a task
// that imports one meanwhile waits for the same import. One that fails fails that task instead.
for (const module of process.argv.slice(2)) importGuarded(module).catch(() => {});

async function runTask(frame: Frame): Promise<void> {
  const request = decodeValue(frame.body) as RunRequest;
  adoptSurroundings(request);
  const own = new SessionLink({ link, abandon: () => own.finish(false), keepAlive: () => {} });
  session = own;
  const channel = new Channel(own, { pid: 0 });
  // exit(channel) ends the task here, as a process exit would.
  const exited = new Promise<void>((resolve) => setEndTaskHook((ended) => ended === channel && resolve()));
  let reusable = true;
  let failed = false;
  try {
    if (request.replay) reusable = await replay(request.replay, channel, exited);
    else await Promise.race([invoke(request.callable!, channel, request.args), exited]);
  } catch (error) {
    failed = true;
    // A module that failed to load may be half-loaded, a failed replay anything: the process is not used again.
    if (error instanceof TaskLoadError || request.replay) reusable = false;
    void channel.sendError(serializeError(error)).catch(() => {});
  }
  setEndTaskHook(undefined);
  // Everything the task sent is written ahead of `done`, so the creator receives it all.
  channel.acknowledgeTaken();
  // A process that ends after this task says so, for its creator to report how it ended.
  link.write(Kind.done, reusable ? undefined : ENDING);
  session = undefined;
  own.finish(true);
  // A process that ends waits for its creator to close the socket, having
  // read everything: it never exits with values unread (or acknowledgements
  // to come) in the socket, which would cost the creator the rest.
  if (!reusable) exitCode = failed ? 1 : 0;
}

// A task takes on the creator's environment and working directory as they are now.
function adoptSurroundings({ env, cwd }: RunRequest): void {
  if (env) {
    for (const name of Object.keys(process.env)) if (!(name in env)) delete process.env[name];
    Object.assign(process.env, env);
  }
  if (cwd && cwd !== process.cwd()) process.chdir(cwd);
}
