// Loaded (with --import) before the program in a background process made by
// create(address), which replays the program as a new `node`: it takes the
// replay plan from the environment, keeps the replayed prefix of the program
// quiet, and makes sure the creator hears why, should the replay fail before
// reaching its own create().
import { writeSync } from 'node:fs';
import { serialize } from 'node:v8';
import { CHANNEL_FD, Kind } from '../channel/protocol.js';
import { encodeFrame } from '../codec/frame-codec.js';
import { serializeError } from '../errors.js';
import { muteOutput } from './mute-output.js';
import { beginReplay, CreateReplayError, REPLAY_ENV, replayState, type ReplayPlan } from './replay.js';

const state = replayState();
beginReplay(JSON.parse(process.env[REPLAY_ENV]!) as ReplayPlan, undefined);
// Processes this one starts are not replays.
delete process.env[REPLAY_ENV];

const unmute = muteOutput();
(state as { unmute?: () => void }).unmute = unmute;

// Reports a failure of the replay straight onto the channel's descriptor (the
// channel is opened only at the process's own create()).
function reportUnreached(reason: string | CreateReplayError): void {
  const error = reason instanceof CreateReplayError ? reason : new CreateReplayError(
    `This created process replayed the program but did not reach its create() call ${state.plan?.target}: ${reason}. ` +
      'The program must reach its create() calls the same way each time',
  );
  const [header, body] = encodeFrame(Kind.error, serialize(serializeError(error)));
  writeSync(CHANNEL_FD, Buffer.concat([header, body]));
}

process.on('exit', () => {
  if (state.reached) return;
  reportUnreached('the program ended first');
  process.exitCode = 1;
});

process.on('uncaughtException', (error) => {
  if (state.reached) return; // The created branch's own handler reports it.
  reportUnreached((error as { code?: string })?.code === 'ERR_CREATE_REPLAY' ? (error as CreateReplayError) : `the program failed first (${error?.message ?? error})`);
  unmute();
  process.exit(1);
});
