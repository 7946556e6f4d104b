// Checks that no created process outlives a test.
import { execFileSync } from 'node:child_process';
import { prestart } from '../../../src/pprocess/index.js';

/** The pids of the `node` processes `parent` started that are still running (zombies excluded). */
export function childPids(parent = process.pid): number[] {
  let out = '';
  try {
    out = execFileSync('ps', ['-o', 'pid=,stat=,comm=', '--ppid', String(parent)], { encoding: 'utf8' });
  } catch {
    return []; // ps exits 1 when there are none
  }
  return out
    .trim()
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .filter(([pid, stat, comm]) => pid && !stat?.startsWith('Z') && comm === 'node')
    .map(([pid]) => Number(pid));
}

/**
 * Ends the idle processes of this process's pool (`endPool`, by default the
 * sources' pool), then waits (up to `timeoutMs`) until `parent` has no
 * running children; returns those left.
 */
export async function waitForNoChildren(parent = process.pid, timeoutMs = 5000, endPool: () => Promise<unknown> = () => prestart(0)): Promise<number[]> {
  const deadline = Date.now() + timeoutMs;
  await endPool();
  let left = childPids(parent);
  while (left.length > 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    // A process whose last task was still ending goes back to the pool: end it too.
    await endPool();
    left = childPids(parent);
  }
  return left;
}

/** Whether process `pid` is still running (a zombie, exited but not yet reaped, is not). */
export function isRunning(pid: number): boolean {
  try {
    const stat = execFileSync('ps', ['-o', 'stat=', '-p', String(pid)], { encoding: 'utf8' }).trim();
    return stat !== '' && !stat.startsWith('Z');
  } catch {
    return false; // ps exits 1 when there is no such process
  }
}
