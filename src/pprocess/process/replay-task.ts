// A replay on a pooled process: the program's entry module is evaluated
// again (its imports stay loaded) until it reaches its own create() call,
// whose created branch then runs until `exit(channel)`.
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { Channel } from '../channel/channel.js';
import type { ReplayRequest } from '../channel/protocol.js';
import { muteOutput } from './mute-output.js';
import { beginReplay, CreateReplayError, endReplay, replayState } from './replay.js';

const require = createRequire(import.meta.url);
let replays = 0;

/**
 * Replays the program as `request` says, the created branch talking over
 * `channel`, until `exited` (its `exit(channel)`) or the program ends.
 * Throws what the creator should be told; resolves with whether the process
 * is in a known state, fit for another task.
 */
export async function replay(request: ReplayRequest, channel: Channel, exited: Promise<void>): Promise<boolean> {
  const entryPath = fileURLToPath(request.entry);
  const argv = process.argv;
  // Muting first opens standard output and error, if no task had yet: they are not the replay's.
  const unmute = muteOutput();
  const resourcesBefore = resourceCounts();
  beginReplay(request.plan, channel);
  process.argv = [process.execPath, entryPath, ...request.argv];
  (replayState() as { unmute?: () => void }).unmute = unmute;
  // A CommonJS entry is evaluated again only if dropped from require's cache.
  delete require.cache[entryPath];
  const evaluation = import(`${request.entry}?pprocess-replay=${++replays}`);
  try {
    const ended = await Promise.race([
      exited.then(() => 'exited' as const),
      evaluation.then(() => 'evaluated' as const, (error: unknown) => ({ error })),
    ]);
    const reached = replayState().reached;
    if (ended === 'exited') return !leftWorkBehind(resourcesBefore);
    if (ended !== 'evaluated') {
      const { error } = ended;
      if (reached || error instanceof CreateReplayError) throw error;
      throw unreached(request, `the program failed first (${(error as Error)?.message ?? error})`);
    }
    if (!reached) throw unreached(request, 'the program ended first');
    // The created branch ran to the end of the program: done, as a process that exited.
    return false;
  } finally {
    unmute();
    endReplay();
    process.argv = argv;
  }
}

function unreached(request: ReplayRequest, reason: string): CreateReplayError {
  return new CreateReplayError(
    `This created process replayed the program but did not reach its create() call ${request.plan.target}: ${reason}. ` +
      'The program must reach its create() calls the same way each time',
  );
}

// Timers, sockets and the like that the replayed program left running (a
// progress ticker started before the loop, say) make the process unfit for
// another task.
function leftWorkBehind(before: Map<string, number>): boolean {
  for (const [kind, count] of resourceCounts()) if (count > (before.get(kind) ?? 0)) return true;
  return false;
}

function resourceCounts(): Map<string, number> {
  const counts = new Map<string, number>();
  for (const kind of process.getActiveResourcesInfo()) counts.set(kind, (counts.get(kind) ?? 0) + 1);
  return counts;
}
