// The creator's side of the raw-transport peer (ipc-peer.ts): starting it
// on Node's IPC channel or on a socket at fd 3, and ending it.
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
// Not public API, so from dist/ by path: the `bench` command's module paths.
import { childExecArgv, sibling } from '../../dist/render-bench/peers/module-files.js';

const PEER = sibling(import.meta.url, './ipc-peer');

/** The peer on Node's IPC channel with advanced serialization (`--ipc`). */
export function forkIpcPeer(): ChildProcess {
  return fork(fileURLToPath(PEER), ['--ipc'], { serialization: 'advanced', execArgv: childExecArgv(PEER), stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
}

/** The peer on a socket at file descriptor 3 (`--fd3`), framed by pprocess's codec. */
export function spawnFramedPeer(): ChildProcess {
  return spawn(process.execPath, [...childExecArgv(PEER), fileURLToPath(PEER), '--fd3'], { stdio: ['ignore', 'inherit', 'inherit', 'pipe'] });
}

/** Asks a child to end, and resolves once it has exited. */
export function exited(child: ChildProcess, end: () => void): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    end();
  });
}
