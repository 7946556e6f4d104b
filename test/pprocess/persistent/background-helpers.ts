// For tests of background processes: a private directory for their socket
// files, the background processes listening there (found by their command
// line, which names their address), and a check that none is left behind.
import { lstatSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { allGone, isAlive, killAll, statField } from '../../helpers/processes.js';

/** A new directory for socket files, short enough for any socket path under it. */
export function socketDirectory(): string {
  return mkdtempSync(join(tmpdir(), 'pp-bg-'));
}

/** The pids of the background processes whose socket address is under `dir`. */
export function backgroundPids(dir: string): number[] {
  const found = new Map<number, number>(); // pid → parent pid
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let command: string;
    let parent: number;
    try {
      command = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      parent = Number(statField(entry, 4));
    } catch {
      continue; // Ended while we looked.
    }
    // Started by backgroundCallable (the background runtime) or by create(address) (a replay of the program).
    const background = command.includes('background-runtime') || command.includes('replay-setup');
    if (background && command.includes(`${dir}`) && isAlive(Number(entry))) found.set(Number(entry), parent);
  }
  // A process a background process is starting has its parent's command line
  // until it runs its own program: it is not another background process.
  return [...found].filter(([, parent]) => !found.has(parent)).map(([pid]) => pid);
}

/** The socket files in `dir`. */
export function socketFiles(dir: string): string[] {
  return readdirSync(dir).filter((name) => lstatSync(join(dir, name)).isSocket());
}

/**
 * Resolves once the background processes of `dir` have all ended and no
 * socket file is left there; rejects naming what is left after `timeoutMs`.
 */
export async function expectNothingLeft(dir: string, timeoutMs = 5000): Promise<void> {
  await allGone(backgroundPids(dir), timeoutMs);
  const sockets = socketFiles(dir);
  if (sockets.length > 0) throw new Error(`socket files left in ${dir}: ${sockets.join(', ')}`);
}

/** Kills whatever a failed test left running under `dir`, and removes the directory. */
export function removeSocketDirectory(dir: string): void {
  killAll(backgroundPids(dir));
  rmSync(dir, { recursive: true, force: true });
}
